"""Command line: `kg COMMAND ...`. Only wiring: each command lives in its own module.

A command module exposes `HELP` (one line), `add_arguments(parser)` and `run(args) -> int`.
Modules are imported lazily so `kg query` does not pay for jieba, nor `kg build` for a server.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from kg import __version__

# command name -> module implementing it
COMMANDS: dict[str, str] = {
    "build": "kg.builder",
    "query": "kg.sparql.query",
    "serve": "kg.sparql.serve",
    "push": "kg.sparql.push",
    "eval": "kg.evaluate",
    "train": "kg.train",
    "export": "kg.publish.export",
    "validate": "kg.graph.validate",
    "viz": "kg.publish.page",
}

HELP: dict[str, str] = {
    "build": "build the graph from files and folders / 从文档构建知识图谱",
    "query": "run a SPARQL query against a built graph / 查询",
    "serve": "serve a read-only SPARQL endpoint / 启动 SPARQL 服务",
    "push": "load a built graph into a running SPARQL store (Graph Store Protocol) / 推送到 SPARQL 服务",
    "eval": "build and score against gold annotations / 评测",
    "train": "train the recogniser's tagger from gold files / 训练识别模型",
    "export": "write the graph in another format / 导出",
    "validate": "check a graph against the SHACL shapes / 校验",
    "viz": "write a focused HTML view of the graph / 可视化",
}


def make_parser(argv: list[str]) -> tuple[argparse.ArgumentParser, object | None]:
    parser = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Chinese government documents.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = next((arg for arg in argv if not arg.startswith("-")), None)
    module = None
    for name, module_name in COMMANDS.items():
        command_parser = sub.add_parser(name, help=HELP[name], description=HELP[name])
        if name == chosen:  # only the chosen command's module is imported
            module = importlib.import_module(module_name)
            module.add_arguments(command_parser)
    return parser, module


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, module = make_parser(argv)
    args = parser.parse_args(argv)
    if module is None:
        parser.print_help()
        return 2
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print("kg: interrupted / 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
