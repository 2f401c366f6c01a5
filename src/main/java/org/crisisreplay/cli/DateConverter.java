package org.crisisreplay.cli;

import org.crisisreplay.timeline.Dates;
import picocli.CommandLine;

import java.time.LocalDate;

/** Reads {@code YYYY-MM-DD}, refusing dates that do not exist ({@link Dates}). */
final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {

    @Override
    public LocalDate convert(String value) {
        try {
            return Dates.parse(value);
        } catch (Dates.BadDate e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
