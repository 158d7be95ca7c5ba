#!/usr/bin/env python3
"""Where the first load's WebAssembly bytes go, per library.

  python3 bench/wasm_size.py [WASM_BUILD_DIR]        (default build/wasm)

Links the site's objects once more with --profiling-funcs (function names kept, same -Os code, no Closure)
into WASM_BUILD_DIR/size/, then attributes every function body to the library whose objects define it
(llvm-nm over the archives and the web/UI objects); what none of them defines comes from Emscripten's
system libraries (libc, libc++, dlmalloc). Each group's bodies are gzipped together (-9) for a
first-load figure; the data segment (strings, tables) is reported apart. Only the standard library and
Debian's LLVM tools are used.
"""
import collections
import gzip
import os
import re
import shlex
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "build", "wasm"))
WEB = os.path.join(BUILD, "web")
OUT = os.path.join(BUILD, "size")


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def sections(data):
    i, out = 8, []
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        out.append((sid, i, size))
        i += size
    return out


def functions(path):
    """[(name, body bytes)] of every defined function, and the data segment's bytes."""
    data = open(path, "rb").read()
    imported, names, bodies, segment = 0, {}, [], b""
    for sid, off, size in sections(data):
        if sid == 2:  # imports: function imports come first in the function index space
            n, j = leb(data, off)
            for _ in range(n):
                for _ in range(2):
                    length, j = leb(data, j)
                    j += length
                kind = data[j]
                j += 1
                if kind == 0:
                    _, j = leb(data, j)
                    imported += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 2:
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:
            n, j = leb(data, off)
            for _ in range(n):
                size_fn, k = leb(data, j)
                bodies.append(data[j:k + size_fn])
                j = k + size_fn
        elif sid == 11:
            segment = data[off:off + size]
        elif sid == 0:
            length, j = leb(data, off)
            if data[j:j + length] == b"name":
                j += length
                end = off + size
                while j < end:
                    kind = data[j]
                    sub, j = leb(data, j + 1)
                    if kind == 1:
                        n, k = leb(data, j)
                        for _ in range(n):
                            idx, k = leb(data, k)
                            length, k = leb(data, k)
                            names[idx] = data[k:k + length].decode("utf8", "replace")
                            k += length
                    j += sub
    return [(names.get(imported + i, "?"), body) for i, body in enumerate(bodies)], segment


def defined(paths):
    """Demangled names of the functions the objects or archives define."""
    out = set()
    for p in paths:
        text = subprocess.run(["llvm-nm", "-C", "--defined-only", p], capture_output=True, text=True).stdout
        for line in text.splitlines():
            parts = line.split(" ", 2)
            if len(parts) == 3 and parts[1] in "TtWw":
                out.add(parts[2])
    return out


def link():
    cmd = open(os.path.join(WEB, "CMakeFiles", "starling.dir", "link.txt")).read().strip()
    args = shlex.split(cmd)
    if args[1:3] == ["-E", "env"]:  # "cmake -E env NAME=value… em++ …": keep from em++ on
        args = args[3:]
        while "=" in args[0]:
            args = args[1:]
    if "--closure" in args:
        i = args.index("--closure")
        del args[i:i + 2]
    i = args.index("-o")
    os.makedirs(OUT, exist_ok=True)
    args[i + 1] = os.path.join(OUT, "starling.js")
    env = dict(os.environ, NODE_PATH=os.environ.get("NODE_PATH", "/usr/share/nodejs"))
    subprocess.run(args + ["--profiling-funcs"], cwd=WEB, check=True, env=env)
    return os.path.join(OUT, "starling.wasm")


def gz(b):
    return len(gzip.compress(b, 9))


def main():
    wasm = os.environ.get("STARLING_SIZE_WASM") or link()  # an existing --profiling-funcs link, to skip relinking
    objects = open(os.path.join(WEB, "CMakeFiles", "starling.dir", "objects1")).read().split()
    objects = [os.path.join(WEB, o) for o in objects]
    groups = [
        ("Starling core (src/core)", defined([os.path.join(BUILD, "libstarling_core.a")])),
        ("Starling UI (src/ui)", defined([o for o in objects if "/src/ui/" in o])),
        ("Starling web layer (web/)", defined([o for o in objects if "/src/ui/" not in o])),
        ("Dear ImGui", defined([os.path.join(BUILD, "libimgui.a")])),
        ("libsignal-protocol-c", defined([os.path.join(BUILD, "libsignal_protocol.a")])),
        ("mbedTLS (crypto)", defined([os.path.join(BUILD, "libmbedcrypto.a")])),
        ("tinyxml2", defined([os.path.join(BUILD, "libtinyxml2.a")])),
    ]
    fns, segment = functions(wasm)
    by = collections.defaultdict(list)
    for name, body in fns:
        group = next((g for g, names in groups if name in names), None)
        if group is None:
            # std::function wrappers and template instances of our own types are ours, though libc++ names them.
            group = "Starling core (src/core)" if re.search(r"starling::(?!ui::|web::)", name) else \
                    "Starling UI (src/ui)" if "starling::ui::" in name else \
                    "Starling web layer (web/)" if "starling::web::" in name else \
                    "Emscripten system libraries (libc, libc++, malloc)"
        by[group].append(body)
    total_raw = sum(len(b) for _, b in fns)
    print(f"{'code, by library':52s} {'raw bytes':>10s} {'gzip -9':>10s}")
    rows = sorted(((sum(len(b) for b in v), gz(b"".join(v)), g) for g, v in by.items()), reverse=True)
    for raw, packed, g in rows:
        print(f"{g:52s} {raw:10d} {packed:10d}")
    print(f"{'all code':52s} {total_raw:10d} {gz(b''.join(b for _, b in fns)):10d}")
    print(f"{'data segment (strings, tables, fonts)':52s} {len(segment):10d} {gz(segment):10d}")
    print(f"{'whole .wasm (this link keeps function names)':52s} {os.path.getsize(wasm):10d}")
    top = int(os.environ.get("STARLING_SIZE_TOP", "0"))
    if top:
        print(f"\nlargest {top} functions (raw bytes):")
        for name, body in sorted(fns, key=lambda f: -len(f[1]))[:top]:
            print(f"{len(body):8d}  {name[:140]}")


if __name__ == "__main__":
    main()
