package org.crisisreplay.story;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a field of a story event is written in a scenario file. The scenario reader, the JSON
 * Schema and the {@code events} output all derive the language from these marks.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Field {

    /** The field may be left out. */
    boolean optional() default false;

    /** What the field's text names, if anything. */
    Ref ref() default Ref.NONE;

    /**
     * A count the field holds may be written {@code unknown}: the event happened, no source gives its
     * size. The state then counts only what is known and marks every figure it is part of a lower bound.
     */
    boolean unknown() default false;

    /** What the field means, for the JSON Schema of the language; empty: its name says it. */
    String doc() default "";

    enum Ref { NONE, ACTOR, EVENT }
}
