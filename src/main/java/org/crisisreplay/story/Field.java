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

    enum Ref { NONE, ACTOR, EVENT }
}
