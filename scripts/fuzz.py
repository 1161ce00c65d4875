#!/usr/bin/env python3
"""Mutation fuzzing of the account parser and renderer: takes the bundled samples, mutates them
(inserted YAML tokens, deletions, splices, byte flips) and runs `readout render` on each, failing
on a panic, a hang or an exit code outside 0-3. Usage, from the repository root after a release
build (the binary is looked for under $CARGO_TARGET_DIR, else target/):
python3 scripts/fuzz.py [seed] [cases]"""
import random, subprocess, os, glob, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
import pathlib
ROOT=pathlib.Path(__file__).resolve().parent.parent
B=str(pathlib.Path(os.environ.get('CARGO_TARGET_DIR', ROOT/'target'))/'release/readout')
WORK=pathlib.Path(os.environ.get('TMPDIR','/tmp'))/'readout-fuzz'
WORK.mkdir(exist_ok=True)
seeds=[open(f,'rb').read() for f in glob.glob(str(ROOT/'samples/*.yaml'))+[str(ROOT/'tests/fixtures/design-example.yaml')]]
tokens=[b': ',b'\n',b'  ',b'\t',b'- ',b'{',b'}',b'[',b']',b'"',b"'",b'&a ',b'*a',b'<<: ',b'!!str ',b'~',b'null',b'-1e309',b'.nan',b'2026-13-45',b'9999999999999999999',b'\xff',b'#',b'|',b'>',b'? ',b',',b'0x1F',b'1_000',b'%YAML 1.1\n',b'---\n',b'...\n']
bad=0
for i in range(int(sys.argv[2]) if len(sys.argv)>2 else 800):
    s=bytearray(random.choice(seeds))
    for _ in range(random.randint(1,6)):
        op=random.random(); p=random.randrange(len(s)+1)
        if op<0.4: s[p:p]=random.choice(tokens)
        elif op<0.7 and len(s)>10: q=min(len(s),p+random.randint(1,40)); del s[p:q]
        elif op<0.85 and len(s)>10: q=min(len(s),p+random.randint(1,80)); s[p:p]=s[random.randrange(len(s)):][:q-p]
        else:
            if p<len(s): s[p]=random.randrange(256)
    f=str(WORK/'case.yaml')
    open(f,'wb').write(s)
    try:
        r=subprocess.run([B,'render',f,'-o',str(WORK/'out.pdf')],capture_output=True,timeout=30)
    except subprocess.TimeoutExpired:
        bad+=1; open(WORK/f'hang-{i}.yaml','wb').write(s); print('HANG',i); continue
    if r.returncode not in (0,1,2,3) or b'panicked' in r.stderr:
        bad+=1; open(WORK/f'crash-{i}.yaml','wb').write(s); print('CRASH',i,r.returncode,r.stderr[-300:])
print('done, bad =',bad)
sys.exit(1 if bad else 0)
