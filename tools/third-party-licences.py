#!/usr/bin/env python3
"""Lists the third-party code compiled into the package, with each licence, for
/usr/share/doc/zhibu/THIRD-PARTY.md: the Rust crates the app and the CLI link (from
`cargo metadata`, normal dependencies only) and the npm packages bundled into the UI (the
production dependencies in ui/node_modules)."""
import json
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rust_crates():
    meta = json.loads(subprocess.check_output(
        ["cargo", "metadata", "--format-version", "1", "--locked",
         "--filter-platform", "x86_64-unknown-linux-gnu"],
        cwd=root))
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    workspace = set(meta["workspace_members"])
    roots = [i for i in workspace if packages[i]["name"] in ("zhibu-desktop", "zhibu-cli")]
    seen, stack = set(), list(roots)
    while stack:
        i = stack.pop()
        if i in seen:
            continue
        seen.add(i)
        for dep in nodes[i]["deps"]:
            # Build scripts and tests do not end up in the program.
            if any(k["kind"] is None for k in dep["dep_kinds"]):
                stack.append(dep["pkg"])
    return sorted(
        (packages[i]["name"], packages[i]["version"], packages[i].get("license") or "见其源代码")
        for i in seen if i not in workspace)


def npm_packages():
    lock = json.load(open(os.path.join(root, "ui", "package-lock.json")))
    out = []
    for path, info in lock.get("packages", {}).items():
        if not path.startswith("node_modules/") or info.get("dev"):
            continue
        name = path.split("node_modules/")[-1]
        pkg_json = os.path.join(root, "ui", path, "package.json")
        licence = info.get("license")
        if not licence and os.path.exists(pkg_json):
            licence = json.load(open(pkg_json)).get("license")
        out.append((name, info.get("version", ""), licence or "见其源代码"))
    return sorted(out)


def main():
    out = sys.stdout
    out.write("# 第三方软件及其许可证 / Third-party software\n\n")
    out.write("党支部工作台 itself is under the MIT licence (/usr/share/doc/zhibu/copyright).\n\n")
    out.write("## Fonts (/usr/share/zhibu/fonts)\n\n")
    out.write("- Noto Serif CJK SC Regular and Bold, Noto Sans CJK SC Bold (subset to GB 2312 and\n"
              "  the 通用规范汉字表 with common symbols): SIL Open Font License 1.1,\n"
              "  copyright-fonts-noto-cjk.txt\n")
    out.write("- LXGW WenKai Regular (霞鹜文楷, unmodified): SIL Open Font License 1.1,\n"
              "  copyright-fonts-lxgw-wenkai.txt\n\n")
    for title, rows in (("Rust crates", rust_crates()), ("npm packages (the UI)", npm_packages())):
        out.write(f"## {title}\n\n| name | version | licence |\n|---|---|---|\n")
        for name, version, licence in rows:
            out.write(f"| {name} | {version} | {licence} |\n")
        out.write("\n")


if __name__ == "__main__":
    main()
