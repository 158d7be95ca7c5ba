#!/usr/bin/env python3
"""Turns a built site (build/wasm/site) into a release folder any static host can serve (docs/deploy.md).

    python3 scripts/release_site.py SITE OUT [--config config.json]

OUT/starling/ gets:
  - every file that may be cached forever under a name with its content hash (starling.<hash>.js, .wasm,
    loader.<hash>.js, starling.<hash>.css, the font, the icon), and the references to them rewritten;
  - index.html, config.json, manifest.webmanifest and sw.js under fixed names (served with no-cache);
  - sw.js, the service worker: it caches this version's app shell for offline starts;
  - beside each compressible file a .gz (gzip -9) and, when Debian's brotli is installed, a .br.
OUT/starling-<version>.tar.gz is the same folder as one archive; OUT/sizes.txt the sizes (raw, gzip, brotli).
Only the standard library and the brotli command; no network.
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile

HASHED = ["starling.js", "starling.wasm", "loader.js", "starling.css", "DejaVuSans-subset.ttf", "icon.svg", "icon-192.png",
          "icon-512.png"]
FIXED = ["index.html", "config.json", "manifest.webmanifest"]
COMPRESSIBLE = (".html", ".js", ".wasm", ".css", ".json", ".svg", ".webmanifest", ".ttf")


def fail(message):
    print(f"release: {message}", file=sys.stderr)
    sys.exit(1)


def hashed_name(name, data):
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:12]}{dot}{ext}"


def replace_once(text, old, new, where):
    if text.count(old) != 1:
        fail(f"{where}: expected exactly one {old!r}, found {text.count(old)}")
    return text.replace(old, new)


def rewrite_index(html, names):
    html = replace_once(html, 'href="icon.svg"', f'href="{names["icon.svg"]}"', "index.html")
    html = replace_once(html, 'href="icon-192.png"', f'href="{names["icon-192.png"]}"', "index.html")
    html = replace_once(html, 'href="starling.wasm"', f'href="{names["starling.wasm"]}"', "index.html")
    html = replace_once(html, 'href="starling.css"', f'href="{names["starling.css"]}"', "index.html")
    html = replace_once(html, 'src="starling.js"', f'src="{names["starling.js"]}"', "index.html")
    return replace_once(
        html, '<script src="loader.js">',
        f'<script src="{names["loader.js"]}" data-wasm="{names["starling.wasm"]}" '
        f'data-font="{names["DejaVuSans-subset.ttf"]}" data-sw="sw.js">', "index.html")


def rewrite_manifest(text, names):
    manifest = json.loads(text)
    for icon in manifest.get("icons", []):
        if icon.get("src") in names:
            icon["src"] = names[icon["src"]]
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def service_worker(template, version, shell):
    text = replace_once(template, '"__STARLING_VERSION__"', json.dumps(version), "sw.js")
    return replace_once(text, "[/*__STARLING_SHELL__*/]", json.dumps(shell), "sw.js")


def compress(folder):
    brotli = shutil.which("brotli")
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not name.endswith(COMPRESSIBLE):
            continue
        with open(path, "rb") as f:
            data = f.read()
        with open(path + ".gz", "wb") as f:  # mtime 0: the same input gives the same bytes
            with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as z:
                z.write(data)
        if brotli:
            subprocess.run([brotli, "-q", "11", "-f", "-k", "-o", path + ".br", path], check=True)
    return brotli is not None


def sizes(folder):
    raw = gz = br = 0
    for name in os.listdir(folder):
        size = os.path.getsize(os.path.join(folder, name))
        if name.endswith(".gz"):
            gz += size
        elif name.endswith(".br"):
            br += size
        else:
            raw += size
    return raw, gz, br


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    parser.add_argument("out")
    parser.add_argument("--config", help="config.json to ship (default: the site's)")
    parser.add_argument("--sw-template", default=os.path.join(os.path.dirname(__file__), "..", "web", "sw.js"))
    args = parser.parse_args()

    folder = os.path.join(args.out, "starling")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    names, contents = {}, {}
    for name in HASHED + FIXED:
        path = args.config if name == "config.json" and args.config else os.path.join(args.site, name)
        if not os.path.isfile(path):
            fail(f"missing {path} (build the site first)")
        with open(path, "rb") as f:
            contents[name] = f.read()
    try:
        json.loads(contents["config.json"])
    except ValueError as e:
        fail(f"config.json is not JSON: {e}")
    for name in HASHED:
        names[name] = hashed_name(name, contents[name])
        with open(os.path.join(folder, names[name]), "wb") as f:
            f.write(contents[name])
    index = rewrite_index(contents["index.html"].decode("utf-8"), names)
    manifest = rewrite_manifest(contents["manifest.webmanifest"].decode("utf-8"), names)
    fixed = {"index.html": index.encode(), "manifest.webmanifest": manifest.encode(),
             "config.json": contents["config.json"]}
    for name, data in fixed.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)

    # The version names the app shell: any change to any file gives a new service worker.
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(names[name].encode() + b"\0")
    digest.update(index.encode() + manifest.encode())
    version = digest.hexdigest()[:12]
    shell = ["./", "manifest.webmanifest", "config.json"] + sorted(names.values())
    with open(args.sw_template, encoding="utf-8") as f:
        sw = service_worker(f.read(), version, shell)
    with open(os.path.join(folder, "sw.js"), "w", encoding="utf-8") as f:
        f.write(sw)

    has_brotli = compress(folder)
    archive = os.path.join(args.out, f"starling-{version}.tar.gz")
    for old in os.listdir(args.out):
        if old.startswith("starling-") and old.endswith(".tar.gz"):
            os.remove(os.path.join(args.out, old))
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name in sorted(os.listdir(folder)):
            info = tar.gettarinfo(os.path.join(folder, name), arcname=f"starling/{name}")
            info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
            with open(os.path.join(folder, name), "rb") as f:
                tar.addfile(info, f)
    with open(archive, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as z:
            z.write(buffer.getvalue())

    raw, gz, br = sizes(folder)
    report = (f"version {version}\nfolder {folder}\narchive {archive} ({os.path.getsize(archive)} bytes)\n"
              f"files raw {raw} bytes, gzip -9 {gz} bytes, brotli -q 11 "
              f"{br if has_brotli else 'n/a (no brotli command)'}{' bytes' if has_brotli else ''}\n")
    with open(os.path.join(args.out, "sizes.txt"), "w") as f:
        f.write(report)
    print(report, end="")


if __name__ == "__main__":
    main()
