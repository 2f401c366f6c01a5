package org.crisisreplay.cli;

import picocli.CommandLine;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Reads {@code YYYY-MM-DD}, refusing dates that do not exist. */
final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {

    @Override
    public LocalDate convert(String value) {
        if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a date: write YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw new CommandLine.TypeConversionException("date " + value + " does not exist");
        }
    }
}
