#!/usr/bin/env python3
"""The Linux side of src-tauri/host-tools (read its comment first): runs, for the test programs
built for Windows under Wine, the Linux tools they read zhibu's outputs with, on the same files.

Listens on 127.0.0.1 on a free port and prints its address on the first line of its output;
answers until it is ended (tests/windows/suites.sh ends it). Only the tools the tests use are
run. A Windows path in an argument, a working folder or a variable's value (C:\\..., Z:\\...)
becomes the Linux path Wine maps it to (drive Z: is /, the others are in the prefix's
dosdevices folder).
"""
import os
import re
import shutil
import socket
import socketserver
import struct
import subprocess
import sys

TOOLS = {"pdftotext", "pdfinfo", "pdftoppm", "pdffonts", "unzip", "7z", "soffice"}
DRIVE = re.compile(r"([A-Za-z]):\\(.*)$", re.S)
PREFIX = os.environ.get("WINEPREFIX", os.path.expanduser("~/.wine"))


def unix_path(arg):
    m = DRIVE.search(arg)
    if not m:
        return arg
    drive, rest = m.group(1).lower(), m.group(2).replace("\\", "/")
    root = "" if drive == "z" else os.path.join(PREFIX, "dosdevices", drive + ":")
    return arg[: m.start()] + root + "/" + rest


def read_exact(f, n):
    data = f.read(n)
    if len(data) != n:
        raise EOFError
    return data


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        try:
            parts_n, envs_n = struct.unpack("<II", read_exact(self.rfile, 8))
            strings = []
            for _ in range(parts_n + envs_n):
                (n,) = struct.unpack("<I", read_exact(self.rfile, 4))
                strings.append(read_exact(self.rfile, n).decode("utf-8"))
        except (EOFError, struct.error, UnicodeDecodeError):
            return
        cwd, program, args = strings[0], strings[1], strings[2:parts_n]
        env = dict(os.environ)
        for e in strings[parts_n:]:
            name, sep, value = e.partition("=")
            if sep:
                env[name] = unix_path(value)
            else:
                env.pop(name, None)
        name = os.path.basename(program.replace("\\", "/"))
        name = name[:-4] if name.lower().endswith(".exe") else name
        if name not in TOOLS or shutil.which(name) is None:
            code, out, err = 127, b"", f"host-tools: {program} is not a tool it runs\n".encode()
        else:
            run = subprocess.run(
                [name] + [unix_path(a) for a in args],
                cwd=unix_path(cwd) if cwd else None,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
            )
            code = run.returncode if run.returncode >= 0 else 128 - run.returncode
            out, err = run.stdout, run.stderr
        self.wfile.write(struct.pack("<iI", code, len(out)) + out + struct.pack("<I", len(err)) + err)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    with Server(("127.0.0.1", 0), Handler) as server:
        host, port = server.server_address
        print(f"{host}:{port}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
