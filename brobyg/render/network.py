"""The network around the cases: one small generator per page kind.

``write_network_pages`` is the single call pages.py makes; each generator
writes its page or file through the same renderer and staging writer.
"""

from __future__ import annotations

from brobyg.project import Project
from brobyg.render import calendar, feeds, meetings, members, opendata, overview


def write_network_pages(project: Project, site, pages, out) -> None:
    members.write(site, pages)
    overview.write(site, pages)
    opendata.write(project, site, pages, out)
    feeds.write(project, site, out)
    meetings.write(project, site, pages, out)
    calendar.write(project, site, out)
