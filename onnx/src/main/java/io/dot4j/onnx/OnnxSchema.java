package io.dot4j.onnx;

/**
 * The part of the ONNX protobuf schema that the exporter writes: field numbers and enumeration values of ModelProto,
 * GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto and their helpers, as the ONNX
 * specification fixes them. Written by hand so the build needs no protoc; {@link ProtoMessage} writes these fields
 * with protobuf-java's {@code CodedOutputStream}.
 */
public final class OnnxSchema {
    private OnnxSchema() {
    }

    /** IR version 8 goes with opset 17 (ONNX 1.12). */
    public static final long IR_VERSION = 8;
    /** The default (ai.onnx) operator set the exported graphs use. */
    public static final long OPSET = 17;

    /** ModelProto. */
    public static final class Model {
        public static final int IR_VERSION = 1;
        public static final int PRODUCER_NAME = 2;
        public static final int PRODUCER_VERSION = 3;
        public static final int DOMAIN = 4;
        public static final int MODEL_VERSION = 5;
        public static final int DOC_STRING = 6;
        public static final int GRAPH = 7;
        public static final int OPSET_IMPORT = 8;
        public static final int METADATA_PROPS = 14;

        private Model() {
        }
    }

    /** OperatorSetIdProto. */
    public static final class OperatorSetId {
        public static final int DOMAIN = 1;
        public static final int VERSION = 2;

        private OperatorSetId() {
        }
    }

    /** StringStringEntryProto (metadata_props). */
    public static final class StringStringEntry {
        public static final int KEY = 1;
        public static final int VALUE = 2;

        private StringStringEntry() {
        }
    }

    /** GraphProto. */
    public static final class Graph {
        public static final int NODE = 1;
        public static final int NAME = 2;
        public static final int INITIALIZER = 5;
        public static final int DOC_STRING = 10;
        public static final int INPUT = 11;
        public static final int OUTPUT = 12;
        public static final int VALUE_INFO = 13;

        private Graph() {
        }
    }

    /** NodeProto. */
    public static final class Node {
        public static final int INPUT = 1;
        public static final int OUTPUT = 2;
        public static final int NAME = 3;
        public static final int OP_TYPE = 4;
        public static final int ATTRIBUTE = 5;
        public static final int DOC_STRING = 6;
        public static final int DOMAIN = 7;

        private Node() {
        }
    }

    /** AttributeProto. */
    public static final class Attribute {
        public static final int NAME = 1;
        public static final int F = 2;
        public static final int I = 3;
        public static final int S = 4;
        public static final int T = 5;
        public static final int FLOATS = 7;
        public static final int INTS = 8;
        public static final int TYPE = 20;

        private Attribute() {
        }
    }

    /** AttributeProto.AttributeType values. */
    public static final class AttributeType {
        public static final int FLOAT = 1;
        public static final int INT = 2;
        public static final int STRING = 3;
        public static final int TENSOR = 4;
        public static final int FLOATS = 6;
        public static final int INTS = 7;

        private AttributeType() {
        }
    }

    /** TensorProto. */
    public static final class Tensor {
        public static final int DIMS = 1;
        public static final int DATA_TYPE = 2;
        public static final int FLOAT_DATA = 4;
        public static final int INT64_DATA = 7;
        public static final int NAME = 8;
        public static final int RAW_DATA = 9;
        public static final int DOC_STRING = 12;

        private Tensor() {
        }
    }

    /** TensorProto.DataType values. */
    public static final class DataType {
        public static final int FLOAT = 1;
        public static final int UINT8 = 2;
        public static final int INT32 = 6;
        public static final int INT64 = 7;

        private DataType() {
        }
    }

    /** ValueInfoProto. */
    public static final class ValueInfo {
        public static final int NAME = 1;
        public static final int TYPE = 2;
        public static final int DOC_STRING = 3;

        private ValueInfo() {
        }
    }

    /** TypeProto (only its tensor_type member) and TypeProto.Tensor. */
    public static final class Type {
        public static final int TENSOR_TYPE = 1;
        public static final int TENSOR_ELEM_TYPE = 1;
        public static final int TENSOR_SHAPE = 2;

        private Type() {
        }
    }

    /** TensorShapeProto and TensorShapeProto.Dimension. */
    public static final class Shape {
        public static final int DIM = 1;
        public static final int DIM_VALUE = 1;
        public static final int DIM_PARAM = 2;

        private Shape() {
        }
    }
}
