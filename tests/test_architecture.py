"""The house rules a newcomer relies on: apps depend downwards, never in a circle.

The import graph is read from the source (every ``import`` and ``from ... import``,
at module level or inside a function: a lazy import is still a dependency).
Imports under ``if TYPE_CHECKING:`` are annotations, not dependencies, and
migrations are left out: they name other apps' models by string.
"""

import ast
from collections import defaultdict
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def project_packages() -> list[str]:
    return sorted(
        path.name
        for path in ROOT.iterdir()
        if (path / "__init__.py").exists() and path.name != "tests"
    )


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The absolute module names ``path`` imports (relative imports resolved)."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            # ``from . import sending`` imports a module, not a name.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def module_graph() -> dict[str, set[str]]:
    packages = project_packages()
    sources = [
        path
        for package in packages
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    ]
    modules = {module_name(path): path for path in sources}
    return {
        name: {target for target in imports(path) if target in modules} - {name}
        for name, path in modules.items()
    }


def app_graph(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    graph = defaultdict(set)
    for source, targets in modules.items():
        app = source.split(".")[0]
        graph[app].update(t.split(".")[0] for t in targets)
        graph[app].discard(app)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_lazy_and_relative_imports():
    graph = module_graph()
    assert "newsletter.sending" in graph["newsletter.tasks"]  # from . import sending
    assert "home.visibility" in graph["home.models"]


def test_no_app_imports_an_app_that_imports_it_back():
    graph = app_graph(module_graph())
    assert cycles(graph) == []


def test_no_module_imports_a_module_that_imports_it_back():
    assert cycles(module_graph()) == []


def test_municipalities_and_caching_stand_on_no_other_app():
    """The ground floor: every app may use them, they use none."""
    graph = app_graph(module_graph())
    assert graph["municipalities"] == set()
    assert graph["caching"] == set()
    assert "home" in graph["news"] and "municipalities" in graph["home"]


def test_every_app_says_in_one_line_what_it_owns():
    """Its package docstring opens with one line, and README's layout lists it."""
    readme = (ROOT / "README.md").read_text()
    layout = readme.split("## Layout", 1)[1].split("```")[1]
    for package in project_packages():
        source = (ROOT / package / "__init__.py").read_text()
        docstring = ast.get_docstring(ast.parse(source)) or ""
        summary = docstring.split("\n\n")[0]
        assert summary and "\n" not in summary, f"{package}/__init__.py"
        assert f"\n{package}/ " in layout, f"README's layout does not list {package}/"


def test_no_function_is_longer_than_about_fifty_lines():
    """Outside tests and migrations: a longer one is split into named parts."""
    too_long = []
    for package in project_packages():
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                name = f"{path.relative_to(ROOT)}:{node.name}"
                lines = node.end_lineno - node.lineno + 1
                if lines > 55:
                    too_long.append(f"{name} ({lines} lines)")
    assert too_long == []
