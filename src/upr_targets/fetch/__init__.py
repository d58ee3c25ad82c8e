"""Fetching current data from the sources, into a cache (pooch, requests, platformdirs).

:func:`fetch_uhri` downloads OHCHR's Universal Human Rights Index export;
:func:`fetch_upr_info` reads UPR Info's database through its search API.
Both keep what they fetched in the cache folder (``$UPR_TARGETS_CACHE`` or
the user's cache folder), never replace a good copy with a broken one, and
can work offline from the cache.
"""

from ._download import Fetched, downloads_dir
from ._uhri import fetch_uhri
from ._upr_info import UPR_INFO_URL, fetch_upr_info

__all__ = ["UPR_INFO_URL", "Fetched", "downloads_dir", "fetch_uhri", "fetch_upr_info"]
