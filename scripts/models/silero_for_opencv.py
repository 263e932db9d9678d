#!/usr/bin/env python3
"""Rewrites Silero VAD's ONNX graph into one OpenCV 4.6's dnn importer (Debian 12 libopencv-dnn-dev) can run.

Usage: silero_for_opencv.py SOURCE.onnx OUT.onnx
SOURCE: snakers4/silero-vad@33eb4c7f847070423583ff7a8a86ae021fd15700:src/silero_vad/data/silero_vad_op18_ifless.onnx
(Silero VAD v6.2 weights, MIT, see Sources/CSpeechModel/LICENSE.silero-vad). Needs `pip install onnx onnxsim`
(offline tools only; nothing here runs at preflight's run time).

What OpenCV 4.6 rejects in the shipped files, and what this does about it (docs/CONTENT.md, "Trained model"):
- `If` on the sample rate (every silero_vad*.onnx): the 16 kHz branch is fixed here (sr = 16000, folded).
- dynamic shapes (`Shape` on a symbolic input): the inputs get fixed shapes, onnxsim folds the rest.
- reflect `Pad` of a 2-D tensor (padding layer wants 4-D): dropped; the caller pads (C++ wrapper).
- `Gather` on the 3-D state: the state is split into two inputs `h`, `c` [1,128] and two outputs.
- opset-13+ axes given as inputs (Squeeze, Unsqueeze, ReduceMean, Split) and Conv without kernel_shape:
  rewritten as attributes (opset 13 header, the forms OpenCV 4.6 parses).
The result takes `frame` [1,1,640] (64 samples of context, 512 new, 64 of reflect padding), `h`, `c`, and
gives `output` [1,1] (speech probability), `h_n`, `c_n`."""
import collections, sys
import numpy as np
import onnx, onnxsim
from onnx import helper, numpy_helper, shape_inference, TensorProto


def main(src, dst):
    m = onnx.load(src)
    for i in list(m.graph.input):
        if i.name == 'sr':
            m.graph.input.remove(i)
            m.graph.initializer.append(numpy_helper.from_array(np.array(16000, dtype=np.int64), 'sr'))
        else:
            dims = i.type.tensor_type.shape.dim
            shape = {'input': [1, 576], 'state': [2, 1, 128]}[i.name]
            while len(dims):
                dims.pop()
            for d in shape:
                dims.add().dim_value = d
    m, ok = onnxsim.simplify(m)
    assert ok
    g = m.graph
    names = {n.name: n for n in g.node}
    out_of = lambda name: names[name].output[0]
    # The simplified graph: Pad -> Unsqueeze -> STFT conv ... Gather(state, 0 / 1) -> LSTM cell -> Concat.
    pad, unsq = [n for n in g.node if n.op_type == 'Pad'][0], None
    unsq = [n for n in g.node if n.op_type == 'Unsqueeze' and n.input[0] == pad.output[0]][0]
    gathers = [n for n in g.node if n.op_type == 'Gather']
    g_state = {int(numpy_helper.to_array([t for t in g.initializer if t.name == n.input[1]][0])): n
               for n in gathers if n.input[0] == 'state'}
    g_feat = [n for n in gathers if n.input[0] != 'state'][0]
    concat = [n for n in g.node if n.output[0] == 'stateN'][0]
    h_new, c_new = [[n for n in g.node if n.output[0] == x][0].input[0] for x in concat.input]
    rename = {unsq.output[0]: 'frame', g_state[0].output[0]: 'h', g_state[1].output[0]: 'c'}
    drop = {pad.name, unsq.name, g_state[0].name, g_state[1].name, concat.name} | \
           {n.name for n in g.node if n.output[0] in concat.input}
    g.initializer.append(numpy_helper.from_array(np.array([1, 128], dtype=np.int64), 'shape_1x128'))
    nodes = []
    for n in g.node:
        if n.name in drop:
            continue
        if n is g_feat:  # [1,128,1] -> [1,128]
            n = helper.make_node('Reshape', [n.input[0], 'shape_1x128'], [n.output[0]], name='Reshape_feat')
        for k, i in enumerate(n.input):
            n.input[k] = rename.get(i, i)
        nodes.append(n)
    del g.node[:]
    g.node.extend(nodes)
    # h_n and c_n get their own names.
    for n in g.node:
        for k, o in enumerate(n.output):
            if o == h_new: n.output[k] = 'h_n'
            if o == c_new: n.output[k] = 'c_n'
        for k, i in enumerate(n.input):
            if i == h_new: n.input[k] = 'h_n'
            if i == c_new: n.input[k] = 'c_n'
    del g.input[:]
    g.input.extend([helper.make_tensor_value_info('frame', TensorProto.FLOAT, [1, 1, 640]),
                    helper.make_tensor_value_info('h', TensorProto.FLOAT, [1, 128]),
                    helper.make_tensor_value_info('c', TensorProto.FLOAT, [1, 128])])
    del g.output[:]
    g.output.extend([helper.make_tensor_value_info('output', TensorProto.FLOAT, [1, 1]),
                     helper.make_tensor_value_info('h_n', TensorProto.FLOAT, [1, 128]),
                     helper.make_tensor_value_info('c_n', TensorProto.FLOAT, [1, 128])])
    del g.value_info[:]
    used = {i for n in g.node for i in n.input}
    keep = [t for t in g.initializer if t.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    onnx.checker.check_model(m)

    # Axes as attributes (negative axes made positive: OpenCV 4.6 asserts 0 <= axis), Conv kernel_shape.
    rank = {v.name: len(v.type.tensor_type.shape.dim)
            for v in list(shape_inference.infer_shapes(m).graph.value_info) + list(g.input) + list(g.output)}
    consts = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    for n in g.node:
        if n.op_type in ('Squeeze', 'Unsqueeze', 'ReduceMean') and len(n.input) == 2:
            axes = [int(a) for a in consts[n.input[1]].flatten()]
            r = rank[n.output[0] if n.op_type == 'Unsqueeze' else n.input[0]]
            del n.input[1]
            n.attribute.append(helper.make_attribute('axes', [a + r if a < 0 else a for a in axes]))
        if n.op_type == 'Split' and len(n.input) == 2:
            split = [int(a) for a in consts[n.input[1]].flatten()]
            del n.input[1]
            n.attribute.append(helper.make_attribute('split', split))
        if n.op_type == 'Conv' and not any(a.name == 'kernel_shape' for a in n.attribute):
            n.attribute.append(helper.make_attribute('kernel_shape', list(consts[n.input[1]].shape[2:])))
    used = {i for n in g.node for i in n.input}
    keep = [t for t in g.initializer if t.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    for op in m.opset_import:
        if op.domain == '':
            op.version = 13
    m.producer_name = 'preflight scripts/models/silero_for_opencv.py'
    onnx.save(m, dst)
    print(dict(collections.Counter(n.op_type for n in g.node)))


def names_by_out(g, out):
    return [n for n in g.node if n.output[0] == out][0]


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
