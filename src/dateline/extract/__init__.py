"""Extract articles from pages: headline, byline, dateline, body, sidebars and teasers."""

from dateline.extract.chrome import SiteChrome, line_key, page_line_keys, site_key
from dateline.extract.header import crawl_date_of
from dateline.extract.page import extract_page

__all__ = ["SiteChrome", "crawl_date_of", "extract_page", "line_key", "page_line_keys", "site_key"]
