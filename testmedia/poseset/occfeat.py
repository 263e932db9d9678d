import json,glob,numpy as np,sys
def load(f):
    o=json.load(open(f)); p=np.array(o['pts'])
    raw=open(f.replace('.json','.pgm'),'rb').read(); hdr=raw.split(b'\n',3); w,h=map(int,hdr[1].split())
    img=np.frombuffer(hdr[3],np.uint8).reshape(h,w).astype(float); return p,img
def box(img,x0,y0,x1,y1):
    x0,y0=max(0,int(x0)),max(0,int(y0)); x1,y1=min(img.shape[1],int(x1)+1),min(img.shape[0],int(y1)+1)
    return img[y0:y1,x0:x1] if x1>x0+1 and y1>y0+1 else None
def feats(p,img):
    m=p[48:68]; x0,y0=m[:,0].min(),m[:,1].min(); x1,y1=m[:,0].max(),m[:,1].max()
    mw=x1-x0
    M=box(img,x0,y0,x1,y1)
    # cheeks: level with the nose (29..33), between the jaw contour and the nose wings
    cy0,cy1=p[29,1],p[33,1]
    L=box(img,p[2,0]+0.35*(p[31,0]-p[2,0]),cy0,p[31,0]-0.15*(p[31,0]-p[2,0]),cy1)
    R=box(img,p[35,0]+0.15*(p[14,0]-p[35,0]),cy0,p[14,0]-0.35*(p[14,0]-p[35,0]),cy1)
    if M is None or L is None or R is None: return None
    C=np.concatenate([L.ravel(),R.ravel()])
    g=lambda a: np.abs(np.diff(a,axis=1)).mean()+np.abs(np.diff(a,axis=0)).mean()
    return dict(std=M.std()/(C.std()+1), dmean=(M.mean()-C.mean())/(C.std()+1), edge=g(M)/(0.5*(g(L)+g(R))+0.1), mstd=M.std())
def collect(pattern):
    out=[]
    for f in sorted(glob.glob(pattern)):
        p,img=load(f); r=feats(p,img)
        if r: out.append(r)
    return out
