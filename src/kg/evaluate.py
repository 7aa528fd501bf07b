"""`kg eval`: build, then score what the written graph holds against gold files.

The metric is the one in `tests/gold/seeds/GUIDELINES.md` (a copy of shared/gold): per
document, then micro-averaged over documents —
- entities, typed and untyped, by label (a gold entity's aliases accepted; a system label
  that matches no name of the document is tried through its `skos:altLabel`s; `ignore`
  items left out);
- `located_in` pairs (kg:locatedIn and kg:partOf read in the document);
- relations (any other relation between two entities read in the document, either
  direction, the kind not compared), over the files whose gold has `relations`;
- observation recall (subject by label or altLabel, same year and kind, value within 0.5%).

The scorer reads the Turtle the build writes (through pyoxigraph), never the pipeline's
intermediate records, so it scores exactly what users get. With no arguments it scores
both gold sets: the seeds and gold-wide (`tests/gold/wide`, texts beside their gold).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from kg.extract.resolve import normalize_name

HELP = "build and score against gold annotations / 评测"
GOLD_ROOT = Path("tests") / "gold"  # copied from ../shared by scripts/sync_gold.sh
DEFAULT_GOLD = str(GOLD_ROOT / "seeds")
# name, gold folder, inputs: the sets `kg eval` scores when given no inputs
GOLD_SETS = (("seeds", GOLD_ROOT / "seeds", "seeds"), ("gold-wide", GOLD_ROOT / "wide", str(GOLD_ROOT / "wide")))
CONTAINMENT = ("locatedIn", "partOf")
KG = "https://w3id.org/gykg/ontology#"
CORE_TYPES = ("AdministrativeArea", "Park", "Project", "Policy", "Program", "Organization")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocScore:
    document: str
    typed: Counts = field(default_factory=Counts)
    untyped: Counts = field(default_factory=Counts)
    located: Counts = field(default_factory=Counts)
    relations: Counts = field(default_factory=Counts)
    observations: Counts = field(default_factory=Counts)  # tp / fn only: recall
    false_positives: list[str] = field(default_factory=list)  # "label/Type [class]"
    false_negatives: list[str] = field(default_factory=list)
    missed_located: list[str] = field(default_factory=list)  # "child → parent [class]"
    false_located: list[str] = field(default_factory=list)
    missed_relations: list[str] = field(default_factory=list)
    false_relations: list[str] = field(default_factory=list)
    missed_observations: list[str] = field(default_factory=list)


@dataclass
class SystemEntity:
    """One entity of the graph as the scorer sees it."""

    label: str  # normalised
    type: str  # core type
    alt_labels: tuple[str, ...] = ()


@dataclass
class SystemDoc:
    """What the graph says about one document, in the scorer's terms."""

    entities: list[SystemEntity]
    located_in: set[tuple[str, str]]  # (child label, parent label)
    observations: list[tuple[tuple[str, ...], int, str, Decimal]]  # (subject names, year, kind, value)
    relations: set[tuple[str, str]] = field(default_factory=set)  # (subject label, object label)


# --- reading the graph -------------------------------------------------------------------

_PREFIXES = """PREFIX kg: <https://w3id.org/gykg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_ENTITIES = _PREFIXES + """SELECT ?file ?e ?label ?type WHERE {
  ?e kg:mentionedIn ?doc ; rdfs:label ?label ; a ?type . ?doc kg:fileName ?file .
  VALUES ?type { kg:AdministrativeArea kg:Park kg:Project kg:Policy kg:Program kg:Organization } }"""
_ALT_LABELS = _PREFIXES + "SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }"
_STATEMENTS = _PREFIXES + """SELECT DISTINCT ?file ?s ?p ?o ?objectIsArea WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:evidence ?ev .
  ?ev kg:document ?doc . ?doc kg:fileName ?file .
  BIND(EXISTS { ?o a kg:AdministrativeArea } AS ?objectIsArea) }"""
_OBSERVATIONS = _PREFIXES + """SELECT ?file ?subject ?year ?kind ?value WHERE {
  ?obs a kg:Observation ; kg:subject ?subject ; kg:year ?year ; kg:observationKind ?kind ;
       kg:value ?value ; kg:mentionedIn ?doc . ?doc kg:fileName ?file .
  # the gold lists annual figures: part-year, five-year, cumulative figures are no match
  FILTER NOT EXISTS { ?obs kg:period ?period FILTER(?period != kg:FullYear) } }"""


def load_graph(turtle: str | Path) -> ox.Store:
    """A pyoxigraph store of a built graph: Turtle text, or the path of a Turtle file."""
    store = ox.Store()
    if isinstance(turtle, Path):
        store.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    else:
        store.load(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return store


def system_view(store: ox.Store) -> dict[str, SystemDoc]:
    """Per document file name: the entities, containment pairs, relations and observations
    the graph says were read from it."""
    alt_labels: dict[str, list[str]] = defaultdict(list)
    for row in store.query(_ALT_LABELS):
        alt_labels[row["e"].value].append(normalize_name(row["alt"].value))
    labels: dict[str, str] = {}
    entities: dict[str, list[SystemEntity]] = defaultdict(list)
    for row in store.query(_ENTITIES):
        iri, label = row["e"].value, normalize_name(row["label"].value)
        labels[iri] = label
        entities[row["file"].value].append(
            SystemEntity(label, row["type"].value[len(KG):], tuple(sorted(alt_labels[iri]))))
    located: dict[str, set[tuple[str, str]]] = defaultdict(set)
    relations: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in store.query(_STATEMENTS):
        subject, obj = labels.get(row["s"].value), labels.get(row["o"].value)
        if subject is None or obj is None or subject == obj:
            continue
        predicate = row["p"].value[len(KG):]
        if predicate in CONTAINMENT:
            # The gold's located_in holds containment by areas and by parks (a firm in a
            # park), which the graph says with kg:locatedIn and kg:partOf.
            located[row["file"].value].add((subject, obj))
        if not (predicate == "locatedIn" and row["objectIsArea"].value == "true"):
            relations[row["file"].value].add((subject, obj))
    observations: dict[str, list] = defaultdict(list)
    for row in store.query(_OBSERVATIONS):
        iri = row["subject"].value
        names = tuple([labels[iri], *alt_labels[iri]]) if iri in labels else ()
        kind = row["kind"].value[len(KG):].lower()
        observations[row["file"].value].append((names, int(row["year"].value), kind, Decimal(row["value"].value)))
    files = set(entities) | set(observations)
    return {f: SystemDoc(entities[f], located[f], observations[f], relations[f]) for f in files}


# --- scoring one document --------------------------------------------------------------------

def _gold_index(gold: list[dict]) -> dict[str, set[int]]:
    index: dict[str, set[int]] = {}
    for i, entity in enumerate(gold):
        for name in {entity["name"], *entity.get("aliases", [])}:
            index.setdefault(normalize_name(name), set()).add(i)
    return index


def _label_for_document(entity: SystemEntity, index: dict[str, set[int]]) -> str:
    """The entity's label, or else the first altLabel the document's gold uses."""
    if entity.label in index:
        return entity.label
    return next((alt for alt in entity.alt_labels if alt in index), entity.label)


def _overlaps(a: str, b: str) -> bool:
    return a != b and (a in b or b in a)


def _error_class(label: str, names: list[str], untyped_hit: bool, missing_word: str) -> str:
    """Why a name is wrong: `type` (the name is right), `boundary` (it overlaps a name of
    the other side), else `missing_word` (junk for a false name, missing for a missed one)."""
    if untyped_hit:
        return "type"
    if any(_overlaps(label, name) for name in names):
        return "boundary"
    return missing_word


def _match_entities(labels: list[tuple[str, str]], gold: list[dict], index: dict[str, set[int]],
                    ignore: set[str], typed: bool) -> tuple[Counts, list[tuple[str, str]], set[int], dict[str, int]]:
    """Greedy one-to-one matching of system (label, type) pairs to gold names/aliases."""
    matched: set[int] = set()
    counts = Counts()
    unmatched: list[tuple[str, str]] = []
    label_to_gold: dict[str, int] = {}
    for label, type_ in sorted(set(labels)):
        if label in ignore:
            continue
        hit = next((i for i in sorted(index.get(label, ()))
                    if i not in matched and (not typed or type_ in (gold[i]["type"], gold[i].get("alt_type")))), None)
        if hit is None:
            counts.fp += 1
            unmatched.append((label, type_))
        else:
            matched.add(hit)
            counts.tp += 1
            label_to_gold[label] = hit
    counts.fn = len(gold) - len(matched)
    return counts, unmatched, matched, label_to_gold


def _score_pairs(system_pairs: set[tuple[str, str]], gold_pairs: list[list[str]], index: dict[str, set[int]],
                 symmetric: bool) -> tuple[Counts, list[str], list[str]]:
    """Pairs of labels against gold pairs of names; `symmetric` accepts either direction."""
    wanted: dict[tuple[int, int], str] = {}
    for pair in gold_pairs:
        child, parent = pair[0], pair[-1]
        for c in index.get(normalize_name(child), ()):
            for p in index.get(normalize_name(parent), ()):
                key = (min(c, p), max(c, p)) if symmetric else (c, p)
                wanted.setdefault(key, f"{child} → {parent}")
    expected = {(normalize_name(p[0]), normalize_name(p[-1])) for p in gold_pairs}
    counts, found, false = Counts(), set(), []
    for child, parent in sorted(system_pairs):
        candidates = {(c, p) for c in index.get(child, ()) for p in index.get(parent, ())}
        if symmetric:
            candidates = {(min(c, p), max(c, p)) for c, p in candidates}
        pair = next(iter(sorted((candidates & set(wanted)) - found)), None)
        if pair is None:
            counts.fp += 1
            false.append(f"{child} → {parent}")
        else:
            found.add(pair)
            counts.tp += 1
    names_found = {wanted[p] for p in found}
    counts.fn = len(expected) - counts.tp
    missed = sorted({text for text in wanted.values() if text not in names_found})
    return counts, missed, false


def _gold_containers(gold_pairs: list[list[str]], index: dict[str, set[int]]) -> dict[int, set[int]]:
    """Gold entity -> the gold entities it lies directly in."""
    parents: dict[int, set[int]] = defaultdict(set)
    for pair in gold_pairs:
        for c in index.get(normalize_name(pair[0]), ()):
            parents[c] |= index.get(normalize_name(pair[-1]), set())
    return parents


def _above(start: set[int], parents: dict[int, set[int]]) -> set[int]:
    """Every gold entity the `start` entities lie in, directly or further up."""
    found: set[int] = set()
    stack = list(start)
    while stack:
        for parent in parents.get(stack.pop(), ()):
            if parent not in found:
                found.add(parent)
                stack.append(parent)
    return found


def false_pair_class(child: set[int], parent: set[int], parents: dict[int, set[int]]) -> str:
    """Why a system pair (child, parent), both gold entities, is no gold pair:
    `reversed`; `grand-parent` (the parent is further up the gold chain: a level skipped);
    `below-parent` (the parent lies inside the child's gold parent: too specific);
    `other-parent` (the child has another gold parent); `unstated` (the gold gives the
    child no parent at all)."""
    gold_parents = {p for c in child for p in parents.get(c, ())}
    if any(c in parents.get(p, ()) for c in child for p in parent):
        return "reversed"
    if parent & _above(gold_parents, parents):
        return "grand-parent"
    if gold_parents & _above(parent, parents):
        return "below-parent"
    return "other-parent" if gold_parents else "unstated"


def containment_errors(located: set[tuple[str, str]], gold_pairs: list[list[str]], index: dict[str, set[int]],
                       present: set[int], ignore: set[str]) -> tuple[list[str], list[str]]:
    """The missed and the false located_in pairs, each `child → parent [class]`.

    A missed pair's class says whether the system found its ends (`no child`, `no parent`,
    `no ends`), gave the child another parent (`system parent: X`), or left it `unlinked`.
    A false pair's class is `ignored end` or `not gold end` when an end is no gold entity
    (both count as false pairs: GUIDELINES' `ignore` leaves entities out of the entity
    count, not pairs out of the located_in count), else `false_pair_class`."""
    parents = _gold_containers(gold_pairs, index)
    matched = [(c, p, index.get(c, set()), index.get(p, set())) for c, p in sorted(located)]
    hits = {(ci, pi) for _, _, cs, ps in matched for ci in cs for pi in ps}
    missed = []
    for pair in gold_pairs:
        child, parent = normalize_name(pair[0]), normalize_name(pair[-1])
        cs, ps = index.get(child, set()), index.get(parent, set())
        if any((c, p) in hits for c in cs for p in ps):
            continue
        ends = [name for name, found in (("child", cs & present), ("parent", ps & present)) if not found]
        others = sorted(p for c, p, sc, _ in matched if sc & cs)
        if len(ends) == 2:
            kind = "no ends"
        elif ends:
            kind = f"no {ends[0]}"
        elif others:
            kind = "system parent: " + "、".join(others)
        else:
            kind = "unlinked"
        missed.append(f"{pair[0]} → {pair[-1]} [{kind}]")
    wanted = {(c, p) for c, ps in parents.items() for p in ps}
    false = []
    for child, parent, cs, ps in matched:
        if any((c, p) in wanted for c in cs for p in ps):
            continue
        if not cs or not ps:
            label = child if not cs else parent
            kind = "ignored end" if label in ignore else "not gold end"
        else:
            kind = false_pair_class(cs, ps, parents)
        false.append(f"{child} → {parent} [{kind}]")
    return sorted(set(missed)), false


def score_document(system: SystemDoc, gold_doc: dict) -> DocScore:
    gold = gold_doc["entities"]
    ignore = {normalize_name(n) for n in gold_doc.get("ignore", [])}
    score = DocScore(gold_doc["document"])
    index = _gold_index(gold)
    labels = [(_label_for_document(e, index), e.type) for e in system.entities]
    score.typed, false_typed, matched_typed, _ = _match_entities(labels, gold, index, ignore, True)
    score.untyped, _, matched_untyped, _ = _match_entities(labels, gold, index, ignore, False)
    gold_names = [normalize_name(n) for g in gold for n in {g["name"], *g.get("aliases", [])}]
    system_names = [label for label, _ in labels]
    score.false_positives = [f"{label}/{type_} [{_error_class(label, gold_names, label in index, 'junk')}]"
                             for label, type_ in false_typed]
    for i, entity in enumerate(gold):
        if i not in matched_typed:
            name = normalize_name(entity["name"])
            kind = _error_class(name, system_names, i in matched_untyped, "missing")
            score.false_negatives.append(f"{entity['name']}/{entity['type']} [{kind}]")

    # A pair's ends match as entities do: by label, else by an altLabel the document uses.
    as_named = {e.label: _label_for_document(e, index) for e in system.entities}
    located = {(as_named.get(c, c), as_named.get(p, p)) for c, p in system.located_in}
    score.located, _, _ = _score_pairs(located, gold_doc.get("located_in", []), index, symmetric=False)
    present = {i for label in system_names for i in index.get(label, ())}
    score.missed_located, score.false_located = containment_errors(
        located, gold_doc.get("located_in", []), index, present, ignore)
    if "relations" in gold_doc:
        related = {(as_named.get(c, c), as_named.get(p, p)) for c, p in system.relations}
        score.relations, score.missed_relations, score.false_relations = _score_pairs(
            related, gold_doc["relations"], index, symmetric=True)

    for obs in gold_doc.get("observations", []):
        subjects = index.get(normalize_name(obs["subject"]), set())
        wanted_names = {normalize_name(obs["subject"])}
        value = Decimal(str(obs["value"]))
        found = any(
            (wanted_names & set(names) or any(index.get(n, set()) & subjects for n in names))
            and year == obs["year"] and kind == obs["kind"] and abs(sys_value - value) <= abs(value) * Decimal("0.005")
            for names, year, kind, sys_value in system.observations)
        if found:
            score.observations.tp += 1
        else:
            score.observations.fn += 1
            score.missed_observations.append(
                f"{obs['subject']} {obs['indicator']} {obs['year']} {obs['value']}{obs['unit']} {obs['kind']}")
    return score


# --- scoring a build -------------------------------------------------------------------------

def evaluate(graph: object, gold_dir: Path) -> list[DocScore]:
    """Score a built graph — a `BuildResult`, Turtle text, a Turtle file's Path or a loaded
    pyoxigraph store — against every gold file of `gold_dir` whose document it holds."""
    views = system_view(graph if isinstance(graph, ox.Store) else load_graph(_turtle_of(graph)))
    # A gold file describes a document whatever format it was read from (000.txt, 000.html).
    by_stem = {Path(name).stem: view for name, view in sorted(views.items(), reverse=True)}
    scores = []
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        gold_doc = json.loads(gold_file.read_text(encoding="utf-8"))
        view = views.get(gold_doc["document"]) or by_stem.get(Path(gold_doc["document"]).stem)
        if view is not None:
            scores.append(score_document(view, gold_doc))
    return scores


def _turtle_of(graph: object) -> str | Path:
    if isinstance(graph, (str, Path)):
        return graph
    from kg.builder import turtle_text

    return turtle_text(graph)


def totals(scores: list[DocScore]) -> dict[str, Counts]:
    sums = {"typed": Counts(), "untyped": Counts(), "located": Counts(), "relations": Counts(),
            "observations": Counts()}
    for score in scores:
        for name, counts in sums.items():
            counts.add(getattr(score, name))
    return sums


def format_table(scores: list[DocScore]) -> str:
    header = (f"{'document':<28} {'typed P/R/F1':>18} {'untyped F1':>10} {'locatedIn F1':>12}"
              f" {'relation F1':>11} {'obs recall':>10}")
    lines = [header, "-" * len(header)]
    for s in scores:
        lines.append(f"{s.document:<28} {s.typed.precision:5.2f} {s.typed.recall:5.2f} {s.typed.f1:5.2f}"
                     f" {s.untyped.f1:10.2f} {s.located.f1:12.2f} {s.relations.f1:11.2f} {s.observations.recall:10.2f}")
    lines.append("-" * len(header))
    return "\n".join(lines)


def summary_line(t: dict[str, Counts]) -> str:
    return (f"typed entity F1 {t['typed'].f1:.3f} (P {t['typed'].precision:.3f} R {t['typed'].recall:.3f}); "
            f"untyped entity F1 {t['untyped'].f1:.3f}; locatedIn F1 {t['located'].f1:.3f}; "
            f"relation F1 {t['relations'].f1:.3f}; observation recall {t['observations'].recall:.3f}")


def decisions(docs: list) -> dict[str, dict[str, str]]:
    """Per document, per normalised label: the recogniser and the edge decisions that made
    the name (`suffix L:国家级`, `list L:的`), to show beside false names."""
    found: dict[str, dict[str, str]] = {}
    for doc in docs:
        table = found.setdefault(doc.file_name, {})
        for mention in doc.mentions:
            table.setdefault(normalize_name(mention.label), " ".join(p for p in (mention.rule, mention.edges) if p))
    return found


def _with_decision(item: str, how: dict[str, str]) -> str:
    label = item.split("/", 1)[0]
    return f"{item} <{how[label]}>" if label in how else item


def containment_rules(docs: list, entities: list) -> dict[str, dict[tuple[str, str], str]]:
    """Per document, per (child, parent) by any of their names: the relation rules that
    read the containment (`table`, `area-prefix`…), to show beside false pairs."""
    names: dict[str, set[str]] = {e.key: {normalize_name(n) for n in {e.label, *e.aliases}} for e in entities}
    found: dict[str, dict[tuple[str, str], str]] = {}
    for doc in docs:
        table = found.setdefault(doc.file_name, {})
        rules: dict[tuple[str, str], set[str]] = defaultdict(set)
        for relation in doc.relations:
            if relation.predicate in CONTAINMENT:
                rules[(relation.subject.key, relation.object.key)].add(relation.rule)
        for (child, parent), made in rules.items():
            for c in names.get(child, ()):
                for p in names.get(parent, ()):
                    table[(c, p)] = ",".join(sorted(made))
    return found


def _with_rule(item: str, rules: dict[tuple[str, str], str]) -> str:
    child, _, rest = item.partition(" → ")
    parent = rest.split(" [", 1)[0]
    return f"{item} <{rules[(child, parent)]}>" if (child, parent) in rules else item


def error_lines(scores: list[DocScore], how: dict[str, dict[str, str]] | None = None,
                rules: dict[str, dict[tuple[str, str], str]] | None = None) -> list[str]:
    rules = rules or {}
    lines = []
    for s in scores:
        made = (how or {}).get(s.document, {})
        lines += [f"\n== {s.document}",
                  "false names: " + " | ".join(_with_decision(item, made) for item in s.false_positives),
                  "missed names: " + " | ".join(s.false_negatives),
                  "false locatedIn: " + " | ".join(_with_rule(item, rules.get(s.document, {}))
                                                   for item in s.false_located),
                  "missed locatedIn: " + " | ".join(s.missed_located),
                  "false relations: " + " | ".join(s.false_relations),
                  "missed relations: " + " | ".join(s.missed_relations),
                  "missed figures: " + " | ".join(s.missed_observations)]
    return lines


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="*", help="files and folders (default: both gold sets' documents)")
    parser.add_argument("--gold", default=None,
                        help=f"folder of gold JSON files (default: {GOLD_SETS[0][1]} and {GOLD_SETS[1][1]})")
    parser.add_argument("--documents", action="store_true", help="print a line of scores per document")
    parser.add_argument("--errors", action="store_true",
                        help="list false and missed names (with their error class, and for false names the rule and "
                             "edge decisions that made them), locatedIn pairs (with their error class, and for false "
                             "pairs the rules that read them), relations and figures per document")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    from kg.builder import add_tagger_arguments

    add_tagger_arguments(parser)


def documents_of(gold_dir: Path, fallback: str) -> list[str]:
    """The texts beside the gold files of `gold_dir` (gold-wide keeps each text by its JSON),
    else the `fallback` folder (the seeds live in seeds/); never a README beside them."""
    texts = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        document = gold_dir / json.loads(gold_file.read_text(encoding="utf-8"))["document"]
        if document.is_file():
            texts.append(str(document))
    return texts or [fallback]


def _score_set(inputs: list[str], gold_dir: Path) -> tuple[list[DocScore], dict[str, dict[str, str]], dict]:
    from kg.builder import build

    result = build(inputs)
    return evaluate(result, gold_dir), decisions(result.docs), containment_rules(result.docs, result.entities)


def run(args: argparse.Namespace) -> int:
    from kg.builder import configure_tagger

    problem = configure_tagger(args)
    if problem:
        print(f"kg eval: {problem}", file=sys.stderr)
        return 2
    if args.gold or args.inputs:
        sets = [("gold", Path(args.gold or DEFAULT_GOLD), args.inputs or ["seeds"])]
    else:
        sets = [(name, folder, documents_of(folder, inputs)) for name, folder, inputs in GOLD_SETS]
    report: dict[str, dict] = {}
    for name, gold_dir, inputs in sets:
        if not gold_dir.is_dir():
            print(f"kg eval: {gold_dir}: no such folder of gold files / 找不到标注目录", file=sys.stderr)
            return 2
        scores, how, rules = _score_set(inputs, gold_dir)
        if not scores:
            print(f"kg eval: no gold file in {gold_dir} matches an input document", file=sys.stderr)
            return 2
        t = totals(scores)
        report[name] = {metric: {"precision": c.precision, "recall": c.recall, "f1": c.f1} for metric, c in t.items()}
        if args.json:
            continue
        if args.documents:
            print(format_table(scores))
        if args.errors:
            print("\n".join(error_lines(scores, how, rules)))
        print(f"{name} ({gold_dir}, {len(scores)} documents): {summary_line(t)}")
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0
