"""What each operation of `kg.api` returns: small records that the command line prints and
Python code reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import networkx as nx

    from kg.evaluate import ExtractionReport
    from kg.ingest import Document
    from kg.pipeline import BuildReport
    from kg.store import GraphStore
    from kg.store.remote import PushReport


@dataclass(frozen=True)
class Message:
    """A line about one input, in the order it was met: an error (the input was skipped), a
    warning (it was read with a caveat) or a note."""

    level: Literal["error", "warning", "note"]
    text: str


@dataclass
class Reported:
    """A result with the messages met on the way; `failures` counts the inputs skipped."""

    messages: list[Message] = field(default_factory=list, kw_only=True)

    @property
    def failures(self) -> int:
        return sum(m.level == "error" for m in self.messages)


@dataclass
class Reading(Reported):
    """Newsletters read into documents of dated, sectioned items (`kg parse`)."""

    documents: list[Document]


@dataclass
class Extraction(Reported):
    """Newsletters extracted and linked, one `kg extract` JSON document each."""

    documents: list[dict[str, Any]]


@dataclass
class Evaluation:
    """The extraction scored against gold (`kg evaluate`)."""

    gold_dir: Path
    report: ExtractionReport
    gold: int  # gold documents
    predicted: int  # of them, the ones whose text was found and extracted
    failures: int  # of those, the ones that could not be read or extracted
    messages: list[Message] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return self.gold - self.predicted


@dataclass(frozen=True)
class Progress:
    """How far a build is: `done` of `total` steps (loading the reference data, then one per
    input), the stage, and the last input with what became of it."""

    done: int
    total: int
    stage: str
    file: str = ""


@dataclass
class Changed:
    """What an add or remove did to a store, and the TriG dump beside it (None: deleted)."""

    store: Path
    report: BuildReport
    dump: Path | None


@dataclass
class Built(Changed):
    """What a build did, with a summary of the store: its named graphs, the entities extracted
    per class, and the rankings (None when a build adds too many newsletters to rank them)."""

    named_graphs: int
    extracted: list[tuple[str, int]]
    mentioned: list[tuple[Any, Any]] | None
    cited: list[tuple[Any, Any]] | None


@dataclass(frozen=True)
class Query:
    """A query's text and where it came from (a file, a saved query), named in its errors."""

    text: str
    source: str = "query"


@dataclass(frozen=True)
class SavedQuery:
    """A query shipped in kg/queries: its name and the question it answers."""

    name: str
    doc: str


@dataclass
class Validation:
    """A graph checked against ontology/shapes.ttl: whether it conforms, pyshacl's report."""

    what: str
    conforms: bool
    report: str


@dataclass
class Stats:
    """Counts, rankings, centrality, components and the authority hierarchy (`kg stats`)."""

    counts: list[Any]
    issuing: list[Any]
    enforcing: list[Any]
    cited: list[Any]
    pagerank_instruments: list[tuple[str, float]]
    pagerank_authorities: list[tuple[str, float]]
    betweenness_authorities: list[tuple[str, float]]
    components: list[int]
    hierarchy: list[Any]


@dataclass
class View:
    """The part of the graph a person can read, as drawn on the interactive page."""

    graph: nx.DiGraph
    total_nodes: int  # in the whole graph
    title: str
    path: Path | None = None  # where the page was written

    @property
    def nodes(self) -> int:
        return int(self.graph.number_of_nodes())

    @property
    def edges(self) -> int:
        return int(self.graph.number_of_edges())

    def html(self) -> str:
        """The self-contained, offline page."""
        from kg.viz.page import render

        return render(self.graph, title=self.title)


@dataclass
class Pushed:
    """A store mirrored on a SPARQL server, and the graph to query it by there."""

    report: PushReport
    endpoint: str
    merged_graph: str

    @property
    def target(self) -> str | None:
        """The URL the graphs were written to."""
        server = self.report.server
        return server.graph_store if self.report.via == "graph-store" else server.update


@dataclass
class Serving:
    """A SPARQL endpoint bound to its address with its query processes started; `run` serves
    until Ctrl-C."""

    server: Any  # kg.serve's KgServer
    store: GraphStore
    workers: int

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def run(self) -> None:
        try:
            self.server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self.server.server_close()
