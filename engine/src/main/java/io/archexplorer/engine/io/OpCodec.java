package io.archexplorer.engine.io;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.AdaptiveAvgPool;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Identity;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.Crop;
import io.archexplorer.engine.ops.ConvTranspose;
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.ops.Opaque;
import io.archexplorer.engine.ops.Reshape;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.Softmax;
import io.archexplorer.engine.ops.TrainingHead;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps ops to and from their attributes in model files: {@code {"op": "conv", "out_channels": 64, ...}}.
 *
 * <p>Every op is a record, so its attributes are its record components; reading them reflectively keeps the file
 * format in step with the ops without a hand-written mapper per op. A kind may imply a component (kind
 * {@code relu} is an {@link Activation} with function RELU, {@code max_pool} a {@link Pool} with mode MAX); implied
 * components are not written.
 */
public final class OpCodec {

    /**
     * A kind of op as written in files: its record class, the components the kind itself fixes, and the
     * components a file may leave out (added after files with that kind were written, so old files still read).
     */
    private record OpType(String kind, Class<? extends Op> type, Map<String, Object> implied,
                          Map<String, Object> defaults) {
        OpType(String kind, Class<? extends Op> type, Map<String, Object> implied) {
            this(kind, type, implied, Map.of());
        }
    }

    private static final Map<String, OpType> BY_KIND = new LinkedHashMap<>();

    static {
        register("input", Input.class);
        register("conv", Conv.class);
        register("fc", FullyConnected.class);
        BY_KIND.put("batchnorm", new OpType("batchnorm", BatchNorm.class, Map.of(), Map.of("affine", true)));
        for (Activation.Function f : Activation.Function.values()) {
            BY_KIND.put(f.kind(), new OpType(f.kind(), Activation.class, Map.of("function", f)));
        }
        Map<String, Object> poolDefaults = Map.of("caffeRounding", false);
        BY_KIND.put("max_pool", new OpType("max_pool", Pool.class, Map.of("mode", Pool.Mode.MAX), poolDefaults));
        BY_KIND.put("avg_pool", new OpType("avg_pool", Pool.class, Map.of("mode", Pool.Mode.AVG), poolDefaults));
        register("global_avg_pool", GlobalAvgPool.class);
        register("adaptive_avg_pool", AdaptiveAvgPool.class);
        register("add", Add.class);
        register("channel_mul", ChannelMultiply.class);
        register("concat", Concat.class);
        register("slice", ChannelSlice.class);
        register("shuffle", ChannelShuffle.class);
        register("flatten", Flatten.class);
        register("dropout", Dropout.class);
        register("lrn", Lrn.class);
        register("softmax", Softmax.class);
        register("identity", Identity.class);
        BY_KIND.put("opaque", new OpType("opaque", Opaque.class, Map.of(), Map.of("reason", "")));
        register("scale", Scale.class);
        register("scalar_mul", ScalarMultiply.class);
        register("conv_transpose", ConvTranspose.class);
        register("crop", Crop.class);
        register("reshape", Reshape.class);
        BY_KIND.put("mul", new OpType("mul", Elementwise.class, Map.of("operation", Elementwise.Operation.MUL)));
        BY_KIND.put("max", new OpType("max", Elementwise.class, Map.of("operation", Elementwise.Operation.MAX)));
        register("training_head", TrainingHead.class);
    }

    private OpCodec() {
    }

    private static void register(String kind, Class<? extends Op> type) {
        BY_KIND.put(kind, new OpType(kind, type, Map.of()));
    }

    /** All op kinds a file may name. */
    public static List<String> kinds() {
        return List.copyOf(BY_KIND.keySet());
    }

    /** The attributes of an op, snake_case name → Integer, Double, Boolean or String, in declaration order. */
    public static Map<String, Object> attributes(Op op) {
        OpType type = BY_KIND.get(op.kind());
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (RecordComponent c : op.getClass().getRecordComponents()) {
            if (type.implied().containsKey(c.getName())) {
                continue;
            }
            try {
                Object value = c.getAccessor().invoke(op);
                if (!value.equals(type.defaults().get(c.getName()))) {
                    attributes.put(snakeCase(c.getName()), value);
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + op, e);
            }
        }
        return attributes;
    }

    /**
     * Creates an op of the given kind from its attributes.
     *
     * @param attributes snake_case name → value as read from a file (numbers, booleans, strings)
     * @throws IllegalArgumentException naming the unknown kind, the missing, unexpected or mistyped attribute, or
     *     the op's own complaint about a value
     */
    public static Op create(String kind, Map<String, Object> attributes) {
        OpType type = BY_KIND.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("unknown op '" + kind + "' (known: " + String.join(", ", kinds()) + ")");
        }
        RecordComponent[] components = type.type().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        TreeSet<String> unused = new TreeSet<>(attributes.keySet());
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            parameterTypes[i] = c.getType();
            String attribute = snakeCase(c.getName());
            unused.remove(attribute);
            if (type.implied().containsKey(c.getName())) {
                args[i] = type.implied().get(c.getName());
                continue;
            }
            Object value = attributes.getOrDefault(attribute, type.defaults().get(c.getName()));
            if (value == null) {
                throw new IllegalArgumentException(kind + " needs attribute '" + attribute + "'");
            }
            args[i] = convert(kind, attribute, value, c.getType());
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(kind + " has no attribute '" + unused.first() + "' (attributes: "
                    + String.join(", ", attributeNames(type)) + ")");
        }
        try {
            Constructor<? extends Op> constructor = type.type().getDeclaredConstructor(parameterTypes);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw new IllegalArgumentException(kind + ": " + bad.getMessage());
            }
            throw new IllegalStateException("cannot create " + kind, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + kind, e);
        }
    }

    private static List<String> attributeNames(OpType type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.type().getRecordComponents()) {
            if (!type.implied().containsKey(c.getName())) {
                names.add(snakeCase(c.getName()));
            }
        }
        return names;
    }

    private static Object convert(String kind, String attribute, Object value, Class<?> target) {
        if (target == int.class && isWhole(value)) {
            return ((Number) value).intValue();
        }
        if (target == double.class && value instanceof Number n) {
            return n.doubleValue();
        }
        if (target == boolean.class && value instanceof Boolean || target == String.class && value instanceof String) {
            return value;
        }
        if (target == List.class && value instanceof List<?> list && list.stream().allMatch(OpCodec::isWhole)) {
            return list.stream().map(v -> ((Number) v).intValue()).toList();
        }
        String expected = target == int.class ? "a whole number" : target == double.class ? "a number"
                : target == String.class ? "a text" : target == List.class ? "a list of whole numbers"
                : "true or false";
        throw new IllegalArgumentException(kind + " attribute '" + attribute + "' must be " + expected + ", got "
                + value);
    }

    private static boolean isWhole(Object value) {
        return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE;
    }

    private static String snakeCase(String camel) {
        StringBuilder s = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                s.append('_').append(Character.toLowerCase(ch));
            } else {
                s.append(ch);
            }
        }
        return s.toString();
    }
}
