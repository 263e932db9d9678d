import json, glob, math, os, sys, collections
import numpy as np
def load(d):
    out = {}
    for f in sorted(glob.glob(d + '/*_0.json')):
        t = float(os.path.basename(f).split('_')[0])
        o = json.load(open(f)); p = np.array(o['pts'])
        out.setdefault(int(round(t)), (p, o))
    return out
def f0(p):  # current: nose tip between jaw ends
    l, r, n = p[0,0], p[16,0], p[30,0]; span = r - l
    return math.degrees(math.asin(max(-1, min(1, 2 * (n - l) / span - 1))))
K = 225 / 135  # generic 3D face: outer eye corners ±225, nose tip 135 in front of them
def f1(p):  # nose tip against the outer eye corners: offset/halfspan = (depth/halfwidth) tan(yaw)
    a, b, n = p[36], p[45], p[30]
    mid = (a + b) / 2; half = np.linalg.norm(b - a) / 2
    u = (b - a) / np.linalg.norm(b - a)  # along the eye line (roll-free)
    off = np.dot(n - mid, u)
    return math.degrees(math.atan(K * off / half))
def f2(p):  # symmetric: nose tip to each jaw end, along the eye line
    u = (p[45] - p[36]); u = u / np.linalg.norm(u)
    dl = np.dot(p[30] - p[0], u); dr = np.dot(p[16] - p[30], u)
    r = (dl - dr) / (dl + dr)
    return math.degrees(math.asin(max(-1, min(1, r))))
FS = {'jaw(current)': f0, 'eyes-atan': f1, 'jaw-along-eyes': f2}
