"""`kg viz` and the pages `kg build` writes: graph.html (vis-network via PyVis), GraphML, GEXF.

The page is one self-contained file: vis-network's JS and CSS (shipped inside the pyvis
package) are inlined, there is no other resource, so it opens from the file system with
the network off. All graph text reaches the page as JSON inside a <script> element with
`<`, `>`, `&` and `'` escaped, and the page's script puts it on screen only through
`textContent` and vis-network's text tooltips, so a name like `<script>…` shows as text.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.publish.atomic import write_atomic
from kg.graph.namespace import CORE_TYPES, KG
from kg.publish.network import (
    EntityRecord,
    LinkRecord,
    Network,
    TypeStyle,
    gexf_text,
    graphml_text,
    network_to_networkx,
    read_network,
    short_iri,
    type_styles,
)

HELP = "write a focused HTML view of the graph / 可视化"
DEFAULT_GRAPH = Path("output") / "graph.ttl"
TEMPLATE = "graph_page.html"
VIS_VERSION = "vis-9.1.2"  # the vis-network build inside pyvis 0.3.2
LAYOUT_SEED = 7  # vis-network's layout.randomSeed: the same page lays out the same way
# Layout steps: about 150 for the seed graph (~700 entities), 60 from 2,000 entities on.
LAYOUT_STEP_BUDGET, MIN_LAYOUT_STEPS, MAX_LAYOUT_STEPS = 120_000, 60, 150
EVIDENCE_SHOWN = 3  # first evidence sentences per node or edge in the side panel
FIGURES_SHOWN = 12  # figures per node in the side panel (the panel says how many more)
CHARTS_SHOWN = 6  # indicator charts per node in the side panel: those with the most years first


def figure_charts(figures: tuple) -> list[dict]:
    """One small chart per indicator and unit with two figures or more of an entity's full-year figures: the years with
    their results, targets and estimates (kept apart), most years first. Part-year and
    five-year figures are left out: a chart over the years compares years."""
    series: dict[tuple[str, str], list[dict]] = {}
    for f in figures:
        if f.year is None or f.period != "FullYear" or not f.indicator:
            continue
        series.setdefault((f.indicator, f.unit), []).append({"year": f.year, "value": float(f.value), "kind": f.kind})
    charts = [{"indicator": indicator, "unit": unit, "points": sorted(points, key=lambda p: (p["year"], p["kind"], p["value"]))}
              for (indicator, unit), points in series.items() if len(points) > 1]  # one dot charts nothing
    charts.sort(key=lambda c: (-len({p["year"] for p in c["points"]}), -len(c["points"]), c["indicator"], c["unit"]))
    return charts[:CHARTS_SHOWN]


class VizError(Exception):
    """Bad input for `kg viz`: the message is the one line the user sees."""


@dataclass(frozen=True)
class View:
    """The entities and links one page shows, and what it was cut from."""

    title: str
    entities: tuple[EntityRecord, ...]
    links: tuple[LinkRecord, ...]
    degree: dict[str, int]  # in the whole graph, so sizes agree between pages
    total_entities: int
    total_links: int
    focus: str = ""  # IRI of the focused entity, if any


# --- choosing what a page shows -------------------------------------------------------------

def full_view(network: Network, title: str = "知识图谱") -> View:
    return View(title, tuple(network.entities.values()), network.links, network.degree(),
                len(network.entities), len(network.links))


def resolve_type(name: str, styles: dict[str, TypeStyle]) -> str:
    """The class local name meant by `name`: `Park`, `kg:Park`, the full IRI or its Chinese name."""
    wanted = name.strip()
    for prefix in (str(KG), "kg:"):
        if wanted.startswith(prefix):
            wanted = wanted[len(prefix):]
    for style in styles.values():
        if wanted.lower() == style.name.lower() or wanted == style.label_zh:
            return style.name
    choices = ", ".join(f"{s.name} ({s.label_zh})" for s in styles.values())
    raise VizError(f"unknown type {name!r} / 未知类型; choose one of: {choices}")


def resolve_focus(network: Network, name: str) -> str:
    """IRI of the entity named `name` (label first, then alias); the most connected wins a tie."""
    degree = network.degree()
    wanted = name.strip()

    def best(candidates: list[EntityRecord]) -> str:
        return min(candidates, key=lambda e: (-degree[e.iri], e.iri)).iri

    by_label = [e for e in network.entities.values() if e.label == wanted]
    if by_label:
        return best(by_label)
    by_alias = [e for e in network.entities.values() if wanted in e.aliases]
    if by_alias:
        return best(by_alias)
    near = sorted({e.label for e in network.entities.values() if wanted and wanted in e.label})[:5]
    hint = f"; similar: {'、'.join(near)}" if near else ""
    raise VizError(f"no entity named {name!r} / 没有名为“{name}”的实体{hint}")


def _link_graph(network: Network) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(network.entities)
    g.add_edges_from((link.source, link.target) for link in network.links)
    return g


def select_view(network: Network, type_name: str | None = None, focus: str | None = None,
                hops: int = 1, max_nodes: int | None = None) -> View:
    """A focused page: the `hops` neighbourhood of `focus`, then entities of `type_name`
    (the focus always stays), then at most `max_nodes` of them, the most connected first."""
    styles = type_styles()
    degree = network.degree()
    chosen = set(network.entities)
    parts = []
    focus_iri = ""
    if focus:
        focus_iri = resolve_focus(network, focus)
        chosen = set(nx.ego_graph(_link_graph(network), focus_iri, radius=hops))
        parts.append(f"{network.entities[focus_iri].label} · {hops} 跳")
    if type_name:
        wanted = resolve_type(type_name, styles)
        chosen = {iri for iri in chosen
                  if wanted in (network.entities[iri].core_type, network.entities[iri].sub_type) or iri == focus_iri}
        parts.append(styles[wanted].label_zh)
    if max_nodes is not None and len(chosen) > max_nodes:
        ranked = sorted(chosen, key=lambda iri: (iri != focus_iri, -degree[iri], iri))
        chosen = set(ranked[:max_nodes])
        parts.append(f"连接最多的 {max_nodes} 个")
    entities = tuple(e for iri, e in network.entities.items() if iri in chosen)
    links = tuple(link for link in network.links if link.source in chosen and link.target in chosen)
    title = "知识图谱 · " + " · ".join(parts) if parts else "知识图谱"
    return View(title, entities, links, degree, len(network.entities), len(network.links), focus_iri)


# --- the page -------------------------------------------------------------------------------

def node_size(degree: int) -> float:
    """Area grows with degree; square root so hubs like 贵阳市 do not swamp the page."""
    return round(10.0 + 5.0 * math.sqrt(degree), 2)


def _evidence_json(refs) -> list[dict]:
    return [{"file": r.file_name, "text": r.sentence} for r in refs[:EVIDENCE_SHOWN]]


def _tooltip(entity: EntityRecord, styles: dict[str, TypeStyle]) -> str:
    """Plain text (vis-network 9 shows a string title as text, never as HTML)."""
    kind = _type_text(entity, styles)
    lines = [entity.label, kind]
    if entity.aliases:
        lines.append("别名：" + "、".join(entity.aliases))
    if entity.located_in:
        lines.append("位于：" + "、".join(entity.located_in))
    return "\n".join(lines)


def _type_text(entity: EntityRecord, styles: dict[str, TypeStyle]) -> str:
    core = styles[entity.core_type].label_zh if entity.core_type in styles else entity.core_type
    sub = styles[entity.sub_type].label_zh if entity.sub_type in styles else entity.sub_type
    return f"{core} · {sub}" if sub else core


@dataclass(frozen=True)
class Parts:
    """How a view falls apart: the entities in drawing order (the largest connected part
    first, its hubs first, then the smaller parts), which have no link on the page, and
    the size of the largest part."""

    order: tuple[str, ...]
    isolated: frozenset[str]
    largest: frozenset[str]


def connected_parts(view: View) -> Parts:
    g = nx.Graph()
    g.add_nodes_from(e.iri for e in view.entities)
    g.add_edges_from((link.source, link.target) for link in view.links if link.source != link.target)
    local = dict(g.degree())
    parts = sorted((sorted(c) for c in nx.connected_components(g) if len(c) > 1),
                   key=lambda c: (-len(c), c[0]))
    order: list[str] = []
    for part in parts:
        order.extend(sorted(part, key=lambda iri: (-local[iri], iri)))
    isolated = frozenset(iri for iri, d in local.items() if d == 0)
    order.extend(sorted(isolated))
    return Parts(tuple(order), isolated, frozenset(parts[0]) if parts else frozenset())


def page_data(view: View) -> dict:
    """Everything the page's script needs, as plain JSON-able values, in a fixed order.
    Nodes come largest connected part first, hubs first; entities without a link on the
    page carry `iso` and are drawn only when the reader asks for them."""
    styles = type_styles()
    ids = {e.iri: short_iri(e.iri) for e in view.entities}
    parts = connected_parts(view)
    by_iri = {e.iri: e for e in view.entities}
    nodes, details = [], {}
    for iri in parts.order:
        entity = by_iri[iri]
        node_id = ids[entity.iri]
        node = {
            "id": node_id, "label": entity.label, "group": entity.core_type,
            "size": node_size(view.degree.get(entity.iri, 0)), "title": _tooltip(entity, styles),
        }
        if iri in parts.isolated:
            node["iso"] = True
        elif iri in parts.largest:
            node["main"] = True
        nodes.append(node)
        details[node_id] = {
            "label": entity.label, "type": entity.core_type, "kind": _type_text(entity, styles),
            "aliases": list(entity.aliases), "locatedIn": list(entity.located_in),
            "documents": [{"file": d.file_name, "title": d.title} for d in entity.documents],
            "evidence": _evidence_json(entity.evidence), "evidenceCount": len(entity.evidence),
            "figures": [f.text() for f in entity.figures[:FIGURES_SHOWN]], "figureCount": len(entity.figures),
            "charts": figure_charts(entity.figures),
            "degree": view.degree.get(entity.iri, 0),
        }
    edges = []
    for number, link in enumerate(view.links):
        source, target = ids[link.source], ids[link.target]
        first = link.evidence[0] if link.evidence else None
        title = f"{details[source]['label']} —{link.label_zh}→ {details[target]['label']}"
        if first:
            title += f"\n证据（{first.file_name}）：{_shorten(first.sentence, 80)}"
        edges.append({
            "id": f"e{number}", "from": source, "to": target, "label": link.label_zh, "title": title,
            "relation": link.predicate, "evidence": _evidence_json(link.evidence),
        })
    counts = {t: 0 for t in CORE_TYPES}
    for entity in view.entities:
        counts[entity.core_type] = counts.get(entity.core_type, 0) + 1
    types = [{"name": t, "label": styles[t].label_zh, "color": styles[t].color, "shape": styles[t].shape,
              "count": counts.get(t, 0)} for t in CORE_TYPES if t in styles]
    return {"nodes": nodes, "edges": edges, "details": details, "types": types,
            "focus": ids.get(view.focus, ""), "isolated": len(parts.isolated), "largest": len(parts.largest)}


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def layout_steps(node_count: int) -> int:
    """Physics steps before the first draw: each step costs time in proportion to the node
    count, so big graphs get fewer (the page's 继续布局 button runs more on demand)."""
    return max(MIN_LAYOUT_STEPS, min(MAX_LAYOUT_STEPS, LAYOUT_STEP_BUDGET // max(node_count, 1)))


def page_options(node_count: int) -> dict:
    """vis-network options. Physics runs a fixed number of steps before the first draw and
    is then switched off by the page, so the layout settles and stays put."""
    styles = type_styles()
    large = node_count > 1500
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": node_count <= 150},
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif",
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#8c8c8c", "highlight": "#222222", "hover": "#444444"},
            "font": {"size": 11, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "smooth": False,  # straight edges: no hidden support nodes in the physics
            "width": 1,
        },
        "groups": {name: {"color": {"background": s.color, "border": "#333333",
                                    "highlight": {"background": s.color, "border": "#000000"},
                                    "hover": {"background": s.color, "border": "#000000"}},
                          "shape": s.shape}
                   for name, s in styles.items() if s.color},
        "physics": {
            # forceAtlas2Based gives a readable seed layout in a fraction of barnesHut's
            # time (bench/bench_viz.py); the page turns physics off once it has run.
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -50, "centralGravity": 0.01, "springLength": 100,
                                 "springConstant": 0.08, "damping": 0.4, "avoidOverlap": 0},
            "stabilization": {"enabled": True, "iterations": layout_steps(node_count), "updateInterval": 25, "fit": True},
            "minVelocity": 0.75,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "multiselect": False,
                        "navigationButtons": False, "keyboard": False},
    }


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: no `</script>`, no `<!--`, no line
    separators that old parsers treat as newlines."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the pyvis package (inlined into every page)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / VIS_VERSION
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():  # would end the element early
        raise RuntimeError("vis-network assets cannot be inlined safely")
    return js, css


def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("kg", "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    return env.get_template(TEMPLATE)


def render_page(view: View, options: dict | None = None) -> str:
    """The HTML page of `view`: deterministic (same view, same bytes) and self-contained.
    `options` replaces our vis-network options (the benchmark's baseline uses it)."""
    from markupsafe import Markup
    from pyvis.network import Network as PyvisNetwork

    data = page_data(view)
    # PyVis holds the network model; its own template links CDNs, so ours renders it.
    net = PyvisNetwork(directed=True, cdn_resources="in_line")
    net.nodes, net.edges = data["nodes"], data["edges"]  # add_node is quadratic (NOTES.md)
    net.options = options if options is not None else page_options(len(net.nodes))
    nodes, edges, _, _, _, _ = net.get_network_data()
    js, css = _vis_assets()
    return _template().render(
        title=view.title,
        node_count=len(nodes), edge_count=len(edges),
        isolated_count=data["isolated"], connected_count=len(nodes) - data["isolated"], largest_count=data["largest"],
        total_entities=view.total_entities, total_links=view.total_links,
        types=data["types"],
        vis_js=Markup(js), vis_css=Markup(css),
        nodes_json=Markup(script_json(nodes)), edges_json=Markup(script_json(edges)),
        details_json=Markup(script_json(data["details"])), types_json=Markup(script_json(data["types"])),
        options_json=Markup(script_json(net.options)), focus_json=Markup(script_json(data["focus"])),
    )


def write_page(view: View, path: Path) -> Path:
    write_atomic(path, render_page(view))
    return path


def write_build_outputs(graph: Graph | Network, outdir: Path) -> list[Path]:
    """What `kg build` writes beside graph.ttl: graph.html, graph.graphml, graph.gexf, from
    a graph or from the network a build made without one (network_from_triples)."""
    network = graph if isinstance(graph, Network) else read_network(graph)
    html_path, graphml_path, gexf_path = outdir / "graph.html", outdir / "graph.graphml", outdir / "graph.gexf"
    write_page(full_view(network), html_path)
    nx_graph = network_to_networkx(network)
    write_atomic(graphml_path, graphml_text(nx_graph))
    write_atomic(gexf_path, gexf_text(nx_graph))
    return [html_path, graphml_path, gexf_path]


# --- command line ---------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--graph", default=str(DEFAULT_GRAPH), help="built graph, Turtle (default: %(default)s)")
    parser.add_argument("--type", dest="type_name", metavar="T",
                        help="only entities of this type, e.g. Park, District, 园区")
    parser.add_argument("--focus", metavar="NAME", help="centre on the entity with this name or alias, e.g. 花溪区")
    parser.add_argument("--hops", type=int, default=None, metavar="N",
                        help="with --focus: how many links away to include (default 1)")
    parser.add_argument("--max-nodes", type=int, default=None, metavar="N",
                        help="keep at most N entities, the most connected first")
    parser.add_argument("-o", "--output", default=None, metavar="FILE",
                        help="HTML file to write (default: viz.html beside the graph)")


def load_graph(path: Path) -> Graph:
    if not path.is_file():
        raise VizError(f"{path}: no such graph file (run `kg build` first) / 找不到图文件")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises many kinds; the user needs one line
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise VizError(f"{path}: not a readable Turtle graph / 无法解析: {reason}") from None
    return graph


def _check_arguments(args: argparse.Namespace) -> None:
    if args.hops is not None and not args.focus:
        raise VizError("--hops needs --focus NAME / --hops 需要与 --focus 一起使用")
    if args.hops is not None and args.hops < 0:
        raise VizError("--hops must be 0 or more / --hops 不能为负数")
    if args.max_nodes is not None and args.max_nodes < 1:
        raise VizError("--max-nodes must be at least 1 / --max-nodes 至少为 1")


def run(args: argparse.Namespace) -> int:
    graph_path = Path(args.graph)
    output = Path(args.output) if args.output else graph_path.parent / "viz.html"
    try:
        _check_arguments(args)
        network = read_network(load_graph(graph_path))
        view = select_view(network, args.type_name, args.focus, args.hops if args.hops is not None else 1,
                           args.max_nodes)
        write_page(view, output)
    except VizError as error:
        print(f"kg viz: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"kg viz: {output}: cannot write / 无法写入: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"wrote {output}: {len(view.entities)} of {view.total_entities} entities, "
          f"{len(view.links)} links / 实体 {len(view.entities)} 个，关系 {len(view.links)} 条", file=sys.stderr)
    return 0
