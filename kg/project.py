"""Where a kg project keeps its files: one place to change the layout.

Data flows one way: ``data/`` and ``ontology/`` are read by the build, which
writes the store ``build/store`` (and the dumps ``build/graph.ttl``, ``build/graph.trig``);
queries, exports and pictures read only the store.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def at(cls, root: str | Path | None = None) -> Project:
        """The project in ``root``, else $KG_PROJECT, else the current folder; InputError if that folder is not there."""
        from .errors import InputError

        env = os.environ.get("KG_PROJECT")
        given = root or env
        try:
            path = Path(given or ".").resolve()
        except OSError:  # the current folder was deleted
            raise InputError("the current folder no longer exists", where=str(given or "."),
                             hint="cd to a project folder, or pass --project") from None
        if given and not path.is_dir():
            origin = "KG_PROJECT" if env and str(given) == env else "--project"  # click passes KG_PROJECT as root
            what = "is not a folder" if path.exists() else "does not exist"
            raise InputError(f"the project folder {what} (from {origin})", where=str(given),
                             hint="check --project or KG_PROJECT")
        return cls(path)

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def shapes(self) -> Path:
        return self.ontology_dir / "shapes.ttl"

    @property
    def context(self) -> Path:
        return self.ontology_dir / "context.jsonld"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def store_path(self) -> Path:
        """The built store folder (a link to the current generation; see kg.dataset.write)."""
        return self.build_dir / "store"

    @property
    def graph_path(self) -> Path:
        """The Turtle dump of the built dataset's union."""
        return self.build_dir / "graph.ttl"

    @property
    def trig_path(self) -> Path:
        """The TriG dump of the built dataset, one named graph per source article."""
        return self.build_dir / "graph.trig"

    def ontology_files(self) -> list[Path]:
        """Every Turtle file of the ontology folder except the shapes."""
        return sorted(p for p in self.ontology_dir.glob("*.ttl") if p.name != self.shapes.name)

    def data_files(self) -> list[Path]:
        """The YAML files of the data folder; a pipe or device named *.yaml is not a data file (reading it would hang)."""
        from .errors import InputError

        files = sorted(self.data_dir.rglob("*.yaml"))
        for path in files:
            if not path.is_file():
                raise InputError("not a regular file", where=self.shown(path), hint="data files are plain YAML files")
        return files

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project when inside it."""
        return self.shown_all([path])[0]

    def shown_all(self, paths: Iterable[Path]) -> list[str]:
        """:meth:`shown` of each path, each folder resolved once (a build names every data file)."""
        folders: dict[Path, Path] = {}
        out = []
        for path in map(Path, paths):
            folder = folders.get(path.parent)
            if folder is None:  # the folder resolved, not the name: build/store is shown as such, not as the
                folder = folders[path.parent] = path.parent.resolve()  # generation it links to
            try:
                out.append(str((folder / path.name).relative_to(self.root)))
            except ValueError:
                out.append(str(path))
        return out
