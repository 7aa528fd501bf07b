"""Page size and time to stabilise of graph.html, for the seed graph and a generated one.

    .venv/bin/python bench/bench_viz.py [--nodes 5000] [--graph output/graph.ttl]
    .venv/bin/python bench/bench_viz.py --screenshot docs/graph.png   # the README picture

For each graph it renders the page (our options) and a baseline page with vis-network's
default physics and edges (what a plain PyVis page uses), opens both in headless Chromium
and reports: HTML size, Python render time, and the time from the page's script start
until the layout has stabilised and physics is off. Ratios are ours / baseline, measured
in the same run on the same machine. Needs Debian's chromium (/usr/bin/chromium).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rdflib import Graph, Literal, URIRef  # noqa: E402
from rdflib.namespace import RDF, RDFS, SKOS, XSD  # noqa: E402

from kg.publish import page as viz  # noqa: E402
from kg.graph.namespace import CORE_TYPES, KG, KGR  # noqa: E402
from kg.publish.network import read_network  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SUFFIX = {"AdministrativeArea": "镇", "Park": "产业园", "Project": "项目", "Policy": "实施意见",
          "Program": "行动", "Organization": "公司"}
CHARS = "花溪贵阳安南明云岩乌当白观山湖清镇修文息烽开阳石板燕楼青岩久安麦坪党武孟关黔陶马铃高坡"
PREDICATES = ("locatedIn", "partOf", "operatedBy", "implements", "issuedBy", "relatedTo")


def generated_graph(n: int, seed: int = 1) -> Graph:
    """n entities in the seed graph's type mix, ~1.3 links each (preferential attachment,
    so a few hubs like 贵阳市), each with a document, an evidence sentence and a figure."""
    rng = random.Random(seed)
    g = Graph()
    doc = KGR["Document/bench"]
    g.add((doc, RDF.type, KG.Document))
    g.add((doc, KG.fileName, Literal("bench.txt")))
    weights = [6, 8, 17, 5, 50, 14]
    nodes: list[URIRef] = []
    for i in range(n):
        core = rng.choices(CORE_TYPES, weights)[0]
        node = KGR[f"{core}/e{i}"]
        name = "".join(rng.choice(CHARS) for _ in range(rng.randint(2, 6))) + SUFFIX[core]
        g.add((node, RDF.type, KG[core]))
        g.add((node, RDFS.label, Literal(f"{name}{i}", lang="zh")))
        if rng.random() < 0.3:
            g.add((node, SKOS.altLabel, Literal(name, lang="zh")))
        g.add((node, KG.mentionedIn, doc))
        evidence = KGR[f"Evidence/bench/{i}"]
        g.add((node, KG.evidence, evidence))
        g.add((evidence, RDF.type, KG.Evidence))
        g.add((evidence, KG.document, doc))
        g.add((evidence, KG.sentence, Literal(f"{name}{i}推进建设，成效明显。", lang="zh")))
        g.add((evidence, KG.charStart, Literal(i * 20)))
        if rng.random() < 0.2:
            obs = KGR[f"Observation/o{i}"]
            g.add((obs, RDF.type, KG.Observation))
            g.add((obs, KG.subject, node))
            g.add((obs, KG.indicator, Literal("地区生产总值")))
            g.add((obs, KG.value, Literal(str(rng.randint(1, 999)), datatype=XSD.decimal)))
            g.add((obs, KG.unit, Literal("亿元")))
            g.add((obs, KG.year, Literal(2024, datatype=XSD.integer)))
            g.add((obs, KG.observationKind, KG.Actual))
        # preferential attachment: link to the endpoint of a random earlier link
        for _ in range(rng.choice((0, 1, 1, 2, 2, 2))):
            if nodes:
                target = rng.choice(nodes)
                if target != node:
                    g.add((node, KG[rng.choice(PREDICATES)], target))
                    nodes.append(target)
        nodes.append(node)
    return g


def baseline_options(node_count: int) -> dict:
    """Our page with vis-network's defaults for physics and edges (a plain PyVis page)."""
    options = viz.page_options(node_count)
    options["physics"] = {"enabled": True, "stabilization": {"enabled": True}}
    options["edges"] = {"arrows": {"to": {"enabled": True}}}
    options["layout"] = {"randomSeed": viz.LAYOUT_SEED}
    return options


def render(graph: Graph, baseline: bool) -> tuple[str, float, int]:
    network = read_network(graph)
    view = viz.full_view(network)
    started = time.perf_counter()
    html = viz.render_page(view, baseline_options(len(view.entities)) if baseline else None)
    seconds = time.perf_counter() - started
    return html, seconds, len(view.entities)


def layout_ms(browser, path: Path, timeout_s: float) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(path.as_uri())
        page.wait_for_function("window.kgPage && window.kgPage.stabilized", timeout=timeout_s * 1000)
        return float(page.evaluate("kgPage.layoutMs"))
    except Exception:  # too slow: report the timeout as a lower bound
        return float("inf")
    finally:
        page.close()


def screenshot(page_path: Path, png: Path, focus: str = "花溪区") -> int:
    """The page as users first meet it, with `focus` searched for and selected."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("window.kgPage && window.kgPage.stabilized", timeout=120_000)
        page.fill("#kg-search", focus)
        page.press("#kg-search", "Enter")
        page.wait_for_timeout(300)
        page.screenshot(path=str(png))
        browser.close()
    print(f"wrote {png}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000, help="size of the generated graph")
    parser.add_argument("--graph", default=str(ROOT / "output" / "graph.ttl"), help="the seed graph")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for a layout")
    parser.add_argument("--screenshot", metavar="PNG", help="only save a screenshot of the seed page, 花溪区 selected")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    if args.screenshot:
        return screenshot(Path(args.graph).with_name("graph.html"), Path(args.screenshot))

    seed = Graph()
    seed.parse(args.graph)
    graphs = [("seed", seed), (f"generated-{args.nodes}", generated_graph(args.nodes))]
    print(f"{'graph':<16}{'nodes':>7}{'size MB':>9}{'render s':>10}{'layout s':>10}"
          f"{'base MB':>9}{'base layout s':>15}{'layout ratio':>14}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, graph in graphs:
            row = []
            for baseline in (False, True):
                html, seconds, count = render(graph, baseline)
                path = Path(tmp) / f"{name}-{baseline}.html"
                path.write_text(html, encoding="utf-8")
                row.append((len(html.encode("utf-8")) / 1e6, seconds, layout_ms(browser, path, args.timeout) / 1000))
            (size, seconds, layout), (base_size, _, base_layout) = row
            # a layout that did not settle within --timeout counts as the timeout (a bound)
            base_text = f"{base_layout:.2f}" if base_layout != float("inf") else f">{args.timeout:.0f}"
            ratio = f"{layout / base_layout:.2f}" if base_layout != float("inf") else f"<{layout / args.timeout:.2f}"
            print(f"{name:<16}{count:>7}{size:>9.2f}{seconds:>10.2f}{layout:>10.2f}"
                  f"{base_size:>9.2f}{base_text:>15}{ratio:>14}", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
