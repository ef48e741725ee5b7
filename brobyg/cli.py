"""Command line entry point. Heavy imports (MkDocs) happen only in the
commands that need them, so `check` stays fast in editors and hooks."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from brobyg.model import AUDIENCES

DEFAULT_ROOT = Path(__file__).resolve().parent.parent


# argparse's own messages, in Danish.
_DANISH = [
    (re.compile(r"unrecognized arguments: (.*)"), r"ukendte argumenter: \1"),
    (re.compile(r"the following arguments are required: (.*)"), r"disse argumenter mangler: \1"),
    (re.compile(r"argument (.+?): invalid choice: (.*) \(choose from (.*)\)"), r"argumentet \1: ugyldigt valg \2 (vælg mellem \3)"),
    (re.compile(r"argument (.+?): expected one argument"), r"argumentet \1 skal have en værdi"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), r"tvetydigt argument \1; det kan være \2"),
    (re.compile(r"^argument (.+?): "), r"argumentet \1: "),
]


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "brug: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its frame in Danish too: 'brug:', the section titles and -h."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "tilvalg"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="vis denne hjælp og afslut")

    def error(self, message: str):  # usage errors exit 2, in Danish
        for pattern, danish in _DANISH:
            message = pattern.sub(danish, message)
        sys.stderr.write(self.format_usage())
        print(f"{self.prog}: fejl: {message}", file=sys.stderr)
        sys.exit(2)


def _dev_addr(value: str) -> str:
    """'host:port' that can be served on; checked before `serve` says where it serves."""
    import socket

    host, sep, port = value.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"'{value}' er ikke en adresse på formen vært:port, fx 127.0.0.1:8000")
    try:
        socket.getaddrinfo(host, int(port), type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise argparse.ArgumentTypeError(f"værten '{host}' i '{value}' findes ikke. Brug fx 127.0.0.1:8000 eller localhost:8000") from None
    return value


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="build.py", description="Brobygningsbasen: tjek, byg og vis vidensbasen.")
    p.add_argument("--root", type=Path, default=DEFAULT_ROOT, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser, title="kommandoer", metavar="KOMMANDO")
    audience_help = "hvilket site: public (det offentlige, standard) eller members (medlemssitet med cases kun for medlemmer)"

    c = sub.add_parser("check", help="tjek cases og datafiler", description="Tjek cases og datafiler, og vis hver fejl med fil og linje.")
    c.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="filer eller mapper (standard: alt)")
    c.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text: én linje pr. fejl (standard); github: kommentarer i en pull request; json: til andre programmer")
    c.add_argument("--strict", action="store_true", help="advarsler tæller som fejl")

    b = sub.add_parser("build", help="tjek og byg sitet", description="Tjek alt, og byg sitet i en mappe.")
    b.add_argument("--audience", choices=AUDIENCES, default="public", help=audience_help)
    b.add_argument("--out", type=Path, metavar="MAPPE", help="mappe til sitet (standard: site/<audience>); en mappe med andet indhold afvises")

    s = sub.add_parser("serve", help="byg og vis sitet lokalt med automatisk genindlæsning",
                       description="Byg sitet, vis det i browseren, og byg igen, når en fil ændres.")
    s.add_argument("--audience", choices=AUDIENCES, default="public", help=audience_help)
    s.add_argument("--dev-addr", default="127.0.0.1:8000", type=_dev_addr, metavar="VÆRT:PORT",
                   help="adressen, sitet vises på (standard: 127.0.0.1:8000)")

    n = sub.add_parser("new", help="skriv en ny case ud fra dine svar (eller ud fra flag eller et issue)",
                       description="Skriv en ny case ud fra dine svar, ud fra flag eller ud fra et GitHub-issue.")
    from brobyg.commands.new_flags import add_flags

    add_flags(n)
    n.add_argument("--from-issue", type=Path, metavar="FIL", help="lav casen ud fra et GitHub-issue skrevet med formularen 'Ny case'")
    n.add_argument("--fetch-images", action="store_true", help="hent issuets billeder ind i casens mappe (kun fra GitHub)")
    n.add_argument("--comment-file", type=Path, metavar="FIL", help="skriv svaret til issuet (hvad der skal rettes) i denne fil")
    n.add_argument("--repository-private", metavar="true|false", help="er repositoriet privat? (en case kun for medlemmer kræver det)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root.resolve()
    if args.command == "check":
        return _check(root, args)
    if args.command == "build":
        from brobyg.pipeline.build import build_command

        return build_command(root, args.audience, args.out)
    if args.command == "serve":
        from brobyg.pipeline.serve import serve_command

        return serve_command(root, args.audience, args.dev_addr)
    if args.command == "new":
        if args.from_issue:
            from brobyg.commands.from_issue import from_issue_command

            return from_issue_command(root, args.from_issue, args.comment_file, args.fetch_images, args.repository_private)
        from brobyg.commands.new_case import new_command

        return new_command(root, args)
    return 2


def _check(root: Path, args) -> int:
    from brobyg.forked import WorkerDied
    from brobyg.problems import ERROR, render
    from brobyg.project import Project
    from brobyg.validate.check import check

    if not root.is_dir():
        print(f"build.py: fejl: mappen findes ikke: {root}", file=sys.stderr)
        return 2
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"build.py: fejl: findes ikke: {', '.join(str(p) for p in missing)}", file=sys.stderr)
        return 2
    outside = [p for p in args.paths if not p.resolve().is_relative_to(root) and not root.is_relative_to(p.resolve())]
    if outside:
        print(f"build.py: fejl: ligger ikke i vidensbasen {root}: {', '.join(str(p) for p in outside)}", file=sys.stderr)
        return 2
    paths = [p.absolute() for p in args.paths] or None
    try:
        result = check(root, paths)
    except WorkerDied as exc:
        print(f"build.py: fejl: {exc}. Prøv igen.", file=sys.stderr)
        return 2
    if paths is None or any(p.resolve().is_relative_to(Project(root).data_dir.resolve()) for p in paths):
        from brobyg.commands.generate import report_stale_derived

        report_stale_derived(root, result.report, result.kb)  # after a change in data/: schemas/ and the issue form
    problems = result.report.sorted()
    try:
        print(render(problems, args.format, result.files, Project(root).site_url()), flush=True)
    except BrokenPipeError:  # `check | head`: the reader left; that is not our error
        sys.stdout = None
    failing = [p for p in problems if p.severity == ERROR or args.strict]
    return 1 if failing else 0
