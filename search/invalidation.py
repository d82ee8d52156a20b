"""Search results follow the search index, not only the publish.

Pages and people are indexed by a background task after they are saved
(``modelsearch``'s ``insert_or_update_object_task``, run by ``db_worker``), so a
search rendered between a publish and that task shows the index before it. Every
search result records ``SEARCH_INDEX_KEY`` (search/views.py), and each finished
indexing task drops what shows it from the caches and purges its addresses in
front: the next search reads the updated index. (Not ``drop_keys``: an index
update changes no page, so each process keeps its routing cache.)
"""

from caching.invalidation import purge_in_front
from caching.store import drop

SEARCH_INDEX_KEY = "search:index"
INDEXING_TASKS = {"modelsearch.tasks.insert_or_update_object_task"}


def index_updated(sender, task_result, **kwargs) -> None:
    """``task_finished``: drops the search results after an indexing task."""
    if task_result.task.module_path in INDEXING_TASKS:
        purge_in_front(drop({SEARCH_INDEX_KEY}))
