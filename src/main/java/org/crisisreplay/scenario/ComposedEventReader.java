package org.crisisreplay.scenario;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * The events of a file's top-level {@code events} list, each read as soon as YAML has composed it,
 * so that its nodes are let go of at once. A file's node tree is some fifty times its size (every
 * scalar with its marks), and the events are nearly all of it: a 5 MB file of 50,000 events made a
 * tree of about 250 MB, all alive until the reading ended, which the collector copied again and
 * again as it grew. Now the tree holds the rest of the file and, in the events list, a placeholder
 * ({@link #READ}) for each event read; {@link EventReader#events} takes the events in their order,
 * and the problems found in each at the place the list is read, as if read there. Only maps right
 * inside the list are read this way, and neither an anchored one nor those of an anchored list
 * (an alias elsewhere may name them); anything else stays in the tree and is read as before.
 */
final class ComposedEventReader {

    /** Stands in the events list for an event read as composed. */
    static final MappingNode READ = new MappingNode(Tag.MAP, List.of(), DumperOptions.FlowStyle.AUTO);

    /** An event read as composed: its draft (null where it was not read) and the problems found in it. */
    private record Read(EventDraft draft, List<Problem> problems) {
    }

    private final ReadContext context;
    private final EventReader reader;
    private final Queue<Read> read = new ArrayDeque<>();

    ComposedEventReader(String file) {
        this.context = new ReadContext(file);
        this.reader = new EventReader(context);
    }

    /** The next event read, in the order of the list; its problems go to {@code into}. */
    EventDraft next(ReadContext into) {
        Read r = read.remove();
        r.problems().forEach(p -> into.problem(p.at(), p.message()));
        return r.draft();
    }

    private Node take(MappingNode event) {
        int before = context.count();
        EventDraft draft = reader.event(event, false);
        List<Problem> problems = List.copyOf(context.problems().subList(before, context.count()));
        read.add(new Read(draft, problems));
        return READ;
    }

    /** SnakeYAML's composer, handing the events of the top-level list to {@link #take} as it composes them. */
    Composer composer(Parser parser, LoaderOptions options) {
        return new EventListReader(parser, options);
    }

    private final class EventListReader extends Composer {

        /** Maps and lists open: 1 inside the top-level map, 2 inside a list that is its value. */
        private int depth;
        private Node topKey;
        private boolean valueOfEvents;
        private boolean inEvents;
        private boolean done;

        private EventListReader(Parser parser, LoaderOptions options) {
            super(parser, new Resolver(), options);
        }

        @Override
        protected Node composeKeyNode(MappingNode node) {
            Node key = super.composeKeyNode(node);
            if (depth == 1) {
                topKey = key;
            }
            return key;
        }

        @Override
        protected Node composeValueNode(MappingNode node) {
            // the first top-level 'events' only (a duplicate key is an error found later)
            valueOfEvents = depth == 1 && !done && topKey instanceof ScalarNode s && "events".equals(s.getValue());
            try {
                return super.composeValueNode(node);
            } finally {
                valueOfEvents = false;
            }
        }

        @Override
        protected Node composeSequenceNode(String anchor) {
            boolean events = valueOfEvents && depth == 1 && anchor == null;
            valueOfEvents = false;
            if (events) {
                done = true;
                inEvents = true;
            }
            depth++;
            try {
                return super.composeSequenceNode(anchor);
            } finally {
                depth--;
                if (events) {
                    inEvents = false;
                }
            }
        }

        @Override
        protected Node composeMappingNode(String anchor) {
            boolean event = inEvents && depth == 2 && anchor == null;
            valueOfEvents = false;
            depth++;
            Node node;
            try {
                node = super.composeMappingNode(anchor);
            } finally {
                depth--;
            }
            return event && node instanceof MappingNode m ? take(m) : node;
        }
    }
}
