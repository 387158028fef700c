#!/usr/bin/env python3
"""Domain files stay pure (STYLE.md §1): no Beast, Asio, sqlite3.h, libpq, nor the platform layer.

Linking a domain library against consign_core alone does not stop an include: Boost and sqlite3.h
sit on the system include path. So this asks the compiler. For every source of every library made
with consign_domain_library() (CMake writes them to the manifest), it preprocesses the file with
the exact command from compile_commands.json plus `-M -MG -H`, and fails naming the domain file,
the forbidden header and the chain of includes that reaches it.

  check_domain_includes.py --build-dir build --source-dir . --manifest build/consign_domain_libraries.txt
  check_domain_includes.py ... --self-test tests/build/fixtures
      compiles each fixture with a domain library's flags; a fixture's `// expect: <rule> ...` line
      names the rules it must break (`// expect: clean` for none). Fails if the checker misses one.

Exit status: 0 clean, 1 a rule is broken (or a self-test expectation is not met), 2 set-up error.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

SOURCE_SUFFIXES = {".cpp", ".cc", ".cxx", ".c++", ".C"}


def forbidden_rules(source_dir: Path):
    """(rule name, predicate on an absolute or unresolved header path, what to say)."""
    platform = str(source_dir / "src" / "platform") + os.sep
    app = str(source_dir / "src" / "app") + os.sep

    def under(prefix):
        return lambda p: os.path.normpath(p).startswith(prefix)

    def has(fragment):
        return lambda p: fragment in "/" + p.replace(os.sep, "/")

    def named(name):
        return lambda p: os.path.basename(p) == name

    return [
        ("boost/beast", lambda p: has("/boost/beast/")(p) or has("/boost/beast.hpp")(p), "Boost.Beast (HTTP belongs in src/platform/http)"),
        ("boost/asio", lambda p: has("/boost/asio/")(p) or has("/boost/asio.hpp")(p), "Boost.Asio (I/O belongs in src/platform)"),
        ("sqlite3.h", named("sqlite3.h"), "SQLite (SQL belongs in the module's *_store)"),
        ("libpq-fe.h", named("libpq-fe.h"), "libpq (SQL belongs in the module's *_store)"),
        ("src/platform", under(platform), "the platform layer (a domain file sees src/core and other domain headers only)"),
        ("src/app", under(app), "the composition root"),
    ]


def load_manifest(path: Path):
    """Lines `target<TAB>source dir<TAB>source;source;...` written by consign_domain_library()."""
    libraries = []
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        target, source_dir, sources = line.split("\t")
        files = []
        for s in sources.split(";"):
            if not s:
                continue
            p = Path(s) if os.path.isabs(s) else Path(source_dir) / s
            if p.suffix in SOURCE_SUFFIXES:
                files.append(Path(os.path.normpath(p)))
        libraries.append((target, files))
    return libraries


def compile_commands(build_dir: Path):
    """{(target, absolute source path): (argv without -o/-c/source/depfile flags, directory)}."""
    db_path = build_dir / "compile_commands.json"
    if not db_path.exists():
        sys.exit(f"domain includes: {db_path} is missing; configure with CMAKE_EXPORT_COMPILE_COMMANDS=ON")
    commands = {}
    for entry in json.loads(db_path.read_text()):
        argv = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
        output, kept, skip = None, [], 0
        for i, arg in enumerate(argv):
            if skip:
                skip -= 1
                continue
            if arg == "-o":
                output, skip = argv[i + 1], 1
            elif arg in ("-MT", "-MF", "-MQ"):
                skip = 1
            elif arg in ("-c", "-MD", "-MMD", "-MP") or arg == entry["file"]:
                continue
            else:
                kept.append(arg)
        m = re.search(r"CMakeFiles/([^/]+)\.dir/", output or "")
        if m:
            path = Path(os.path.normpath(Path(entry["directory"]) / entry["file"]))
            commands[(m.group(1), path)] = (kept, entry["directory"])
    return commands


def include_tree(argv, directory, source: Path):
    """[(header, [chain of includers])] for every header the source reaches, and unresolved ones."""
    run = subprocess.run(argv + ["-M", "-MG", "-H", str(source)], cwd=directory, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"the compiler failed on {source}:\n{run.stderr.strip()}")
    reached, stack = [], []
    for line in run.stderr.splitlines():
        m = re.match(r"^(\.+) (.+)$", line)
        if not m:
            continue  # "Multiple include guards may be useful for:" and its list
        depth, header = len(m.group(1)), os.path.normpath(os.path.join(directory, m.group(2)))
        del stack[depth - 1:]
        reached.append((header, list(stack)))
        stack.append(header)
    # -MG lists headers the compiler could not find under the name they were written with; a domain
    # target not linking libpq has no <libpq-fe.h>, but writing the include already breaks the rule.
    deps = run.stdout.replace("\\\n", " ").split(":", 1)[-1]
    found = {h for h, _ in reached}
    for token in re.split(r"(?<!\\)\s+", deps.strip()):
        token = token.replace("\\ ", " ")
        if token and not os.path.isabs(token) and os.path.normpath(os.path.join(directory, token)) not in found:
            if not (Path(directory) / token).exists():
                reached.append((token, None))
    return reached


def violations(argv, directory, source: Path, rules, source_dir: Path):
    out = []

    def show(p):
        try:
            return str(Path(p).relative_to(source_dir))
        except ValueError:
            return p

    def forbidden(header):
        return any(matches(header) for _, matches, _ in rules)

    for header, chain in include_tree(argv, directory, source):
        if chain and any(forbidden(c) for c in chain):
            continue  # report where the file enters forbidden ground, not every header beyond it
        for rule, matches, why in rules:
            if matches(header):
                if chain is None:
                    via = " (written as an include, not found on this target's include path)"
                elif chain:
                    via = " via " + " -> ".join(show(c) for c in chain)
                else:
                    via = ""
                out.append((rule, f"{show(str(source))}: reaches {show(header)}{via}: {why}"))
                break
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", required=True, type=Path)
    ap.add_argument("--source-dir", required=True, type=Path)
    ap.add_argument("--manifest", required=True, type=Path)
    ap.add_argument("--self-test", type=Path, metavar="FIXTURE_DIR")
    args = ap.parse_args()
    source_dir = args.source_dir.resolve()
    rules = forbidden_rules(source_dir)
    libraries = load_manifest(args.manifest)
    commands = compile_commands(args.build_dir.resolve())
    if not libraries:
        print("domain includes: no consign_domain_library() targets in the manifest", file=sys.stderr)
        return 2

    if args.self_test:
        # Borrow the flags of a real domain file: the fixtures see exactly the include path a domain
        # file sees, so what they reach a module's domain file could reach too.
        target, files = libraries[0]
        argv, directory = commands[(target, files[0])]
        failed = 0
        fixtures = sorted(p for p in args.self_test.rglob("*") if p.suffix in SOURCE_SUFFIXES)
        for fixture in fixtures:
            m = re.search(r"^// expect: (.+)$", fixture.read_text(), re.M)
            if not m:
                print(f"FAIL {fixture}: no `// expect:` line")
                failed += 1
                continue
            expected = set() if m.group(1).strip() == "clean" else set(m.group(1).split())
            found = violations(argv, directory, fixture.resolve(), rules, source_dir)
            got = {rule for rule, _ in found}
            status = "ok  " if got == expected else "FAIL"
            failed += got != expected
            print(f"{status} {fixture.name}: expected {sorted(expected) or 'clean'}, checker reported {sorted(got) or 'clean'}")
            for _, message in found:
                print(f"       {message}")
        print(f"domain includes self-test: {len(fixtures) - failed}/{len(fixtures)} fixtures judged as expected "
              f"(flags of {target})")
        return 1 if failed or not fixtures else 0

    broken, checked = [], 0
    for target, files in libraries:
        for source in files:
            key = (target, source)
            if key not in commands:
                print(f"domain includes: {source} of {target} is not in compile_commands.json", file=sys.stderr)
                return 2
            argv, directory = commands[key]
            if not source.exists():
                print(f"domain includes: {source} of {target} does not exist yet (generated? build first)", file=sys.stderr)
                return 2
            checked += 1
            for _, message in violations(argv, directory, source, rules, source_dir):
                broken.append(f"{target}: {message}")
    for message in broken:
        print(f"FORBIDDEN INCLUDE in {message}")
    names = ", ".join(t for t, _ in libraries)
    print(f"domain includes: {checked} files of {len(libraries)} domain libraries ({names}); "
          f"{len(broken)} forbidden include(s)")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
