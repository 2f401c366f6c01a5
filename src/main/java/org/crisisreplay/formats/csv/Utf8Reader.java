package org.crisisreplay.formats.csv;

import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Position;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a table as strict UTF-8. A byte that is not UTF-8 (a table saved as Latin-1 or Windows-1252,
 * say) is refused at its line and column rather than read as the wrong letter; a UTF-16 table is
 * named as such. A UTF-8 byte order mark, as spreadsheets write it, is skipped.
 */
public final class Utf8Reader {

    private Utf8Reader() {
    }

    public static String read(byte[] bytes, String shownAs) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new InvalidScenarioException(new Position(shownAs, 1, 1),
                    "the table is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InvalidScenarioException(at(bytes, start, in.position(), shownAs),
                    String.format("not UTF-8: byte 0x%02X cannot be read as UTF-8 text; save the table as UTF-8 "
                            + "(it looks like Latin-1 or Windows-1252)", bytes[in.position()] & 0xFF));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new InvalidScenarioException(at(bytes, start, start + StandardCharsets.UTF_8.encode(text.substring(0, nul)).remaining(), shownAs),
                    "a NUL character: the table is binary or UTF-16; save it as UTF-8 text");
        }
        return text;
    }

    /** The line and column (in characters) of a byte offset. */
    private static Position at(byte[] bytes, int start, int offset, String shownAs) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        return new Position(shownAs, line, before.codePointCount(0, before.length()) + 1);
    }
}
