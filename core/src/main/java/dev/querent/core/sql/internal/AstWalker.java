package dev.querent.core.sql.internal;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Visits every JSqlParser AST object reachable from a root by reading their fields.
 *
 * <p>JSqlParser's visitor interfaces name each node type, so a walk written against them misses
 * whatever node type it forgot or a later parser version adds, and a deny-list check with such a
 * hole can be bypassed by nesting the call there. Following fields reaches every node, whatever its
 * type. The walks are iterative, so deeply nested input cannot exhaust the stack here.
 */
public final class AstWalker {
    /** Decides, per node, whether to descend into it. */
    @FunctionalInterface
    public interface Visitor {
        boolean enter(Object node);
    }

    private static final String AST_PACKAGE = "net.sf.jsqlparser.";
    // The parser's own package holds the concrete syntax tree and tokens, which duplicate the AST.
    private static final String PARSER_PACKAGE = "net.sf.jsqlparser.parser.";

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            // Stops at the first JDK superclass: a node that is also a List is walked as a list.
            for (Class<?> c = type; c != null && isAstNode(c); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && mayHoldNodes(f.getType())) {
                        try {
                            f.setAccessible(true);
                        } catch (InaccessibleObjectException | SecurityException e) {
                            throw new IllegalStateException(
                                    "JSqlParser's AST must be readable reflectively (open its packages)", e);
                        }
                        fields.add(f);
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private AstWalker() {}

    /** Visits {@code root} and everything below it, each object once, parents before children. */
    public static void walk(Object root, Visitor visitor) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Object node = stack.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (!isAstNode(node.getClass()) || visitor.enter(node)) {
                List<Object> children = children(node);
                for (int i = children.size() - 1; i >= 0; i--) {
                    stack.push(children.get(i));
                }
            }
        }
    }

    /** Visits the nodes below {@code root} but not {@code root} itself. */
    public static void walkChildren(Object root, Visitor visitor) {
        walk(root, node -> node == root || visitor.enter(node));
    }

    /**
     * How deeply AST nodes nest below {@code root} (the root counts 1); stops counting once past
     * {@code limit}.
     */
    public static int depth(Object root, int limit) {
        record Entry(Object node, int depth) {}
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Entry> stack = new ArrayDeque<>();
        stack.push(new Entry(root, 0));
        int max = 0;
        while (!stack.isEmpty() && max <= limit) {
            Entry e = stack.pop();
            if (!seen.add(e.node())) {
                continue;
            }
            int depth = isAstNode(e.node().getClass()) ? e.depth() + 1 : e.depth();
            max = Math.max(max, depth);
            children(e.node()).forEach(c -> stack.push(new Entry(c, depth)));
        }
        return max;
    }

    /** The non-null objects an AST node's fields, or a container's elements, hold. */
    private static List<Object> children(Object node) {
        List<Object> children = new ArrayList<>();
        if (isAstNode(node.getClass())) {
            for (Field f : FIELDS.get(node.getClass())) {
                children.add(read(f, node));
            }
        }
        if (node instanceof Iterable<?> items) {
            items.forEach(children::add);
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                children.add(k);
                children.add(v);
            });
        } else if (node instanceof Object[] array) {
            children.addAll(Arrays.asList(array));
        }
        children.removeIf(c -> c == null);
        return children;
    }

    private static Object read(Field f, Object node) {
        try {
            return f.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isAstNode(Class<?> type) {
        String name = type.getName();
        return name.startsWith(AST_PACKAGE) && !name.startsWith(PARSER_PACKAGE) && !type.isEnum();
    }

    private static boolean mayHoldNodes(Class<?> type) {
        if (type.isPrimitive() || type == String.class || type.isEnum()) {
            return false;
        }
        if (type.isArray()) {
            return mayHoldNodes(type.getComponentType());
        }
        return !type.getName().startsWith(PARSER_PACKAGE)
                && !Number.class.isAssignableFrom(type)
                && type != Boolean.class
                && type != Character.class
                && !CharSequence.class.isAssignableFrom(type);
    }
}
