"""Node A dies (SIGKILL): readers through nginx see no error, editors logged in
on A keep their session on B."""

from tests.cluster.browser import Browser
from tests.cluster.conftest import SECRETARIAT


def test_readers_and_editors_carry_on_when_node_a_dies(cluster, site_map):
    editor = Browser(cluster.node_url("a"))
    editor.log_in(*SECRETARIAT)
    assert editor.get("/admin/").status == 200
    public = Browser(cluster.public_url)
    # Cached pages and ones nginx never keeps (search), in every language.
    paths = [
        *(site_map[code][page] for code in site_map for page in ("home", "news_index")),
        "/search/?q=kultur",
        "/en/search/?q=music",
        "/healthz",
    ]
    for path in paths:
        assert public.get(path).status == 200, path

    cluster.nodes["a"].kill()
    try:
        statuses = [public.get(path).status for _ in range(10) for path in paths]
        assert statuses == [200] * len(statuses)

        for through in (cluster.public_url, cluster.node_url("b")):
            dashboard = editor.at(through).get("/admin/")
            assert dashboard.status == 200, (through, dashboard.status)
            assert (
                'href="/admin/logout/"' in dashboard.text or "logout" in dashboard.text
            )
    finally:
        cluster.start_node("a")
        cluster.wait_until_up("a")
