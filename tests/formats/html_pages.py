"""Web pages of our own in the shapes publishers serve: a news story in its site's chrome, an
encyclopedia article with its notes, pandoc's HTML of a paper, a WordPress post with footnotes.

The names, places, sentences and bibliographies are invented for these tests.
"""

from __future__ import annotations

STORY = [
    "The ferry company that runs the night crossing between Harbour Town and the Skerry Islands will "
    "retire its oldest vessel in the autumn, the regional transport board said on Monday.",
    "The Margit Vale has carried passengers since the 1980s and failed two of its last four safety "
    "inspections, according to the board's annual review. Its replacement, built at a yard in the north "
    "of the country, is due to enter service before the winter timetable begins.",
    "Ilse Norrbacka, who chairs the board, said the decision had been taken after a long argument about "
    "cost. \u201cWe could not keep asking crews to nurse an old hull through the storm season,\u201d she said.",
    "Islanders have campaigned for a second daily crossing for most of the past decade. Tomas Hallberg, a "
    "fisherman who sits on the island council, said the new vessel would only matter if it came with more "
    "sailings. \u201cA newer boat that leaves at the same awkward hour is still an awkward boat,\u201d he said.",
]

NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Old ferry to be retired | The Harbour Courier</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Skerry night ferry to be retired after failed inspections">
<meta property="og:site_name" content="The Harbour Courier">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle",
  "headline": "Skerry night ferry to be retired after failed inspections",
  "datePublished": "2025-05-12T07:30:00+01:00",
  "author": [{{"@type": "Person", "name": "Runa Osterberg"}}]}}
</script>
</head><body>
<header class="site-header"><a class="logo" href="/">The Harbour Courier</a>
  <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="page">
<div class="story">
  <h1 class="headline">Skerry night ferry to be retired after failed inspections</h1>
  <p class="byline">By Runa Osterberg, transport reporter</p>
  <p class="dateline"><time datetime="2025-05-12">12 May 2025</time></p>
  <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a>
    <span class="comment-count">1,204 comments</span></div>
  <div class="story-body">
    <p>{STORY[0]}</p>
    <figure><img src="ferry.jpg" alt="">
      <figcaption>The Margit Vale leaving Harbour Town. <span class="photo-credit">Photograph: Edda Lund/Courier</span></figcaption>
    </figure>
    <p>{STORY[1]}</p>
    <div class="newsletter-signup"><h3>Morning Tide</h3><p>Get our morning briefing in your inbox</p>
      <form><input name="email"><button>Sign up</button></form></div>
    <p>{STORY[2]}</p>
    <aside class="related-stories"><h3>More on ferries</h3><ul><li><a href="/a">Island fares to rise</a></li>
      <li><a href="/b">Harbour dredging delayed again</a></li></ul></aside>
    <p>{STORY[3]}</p>
  </div>
  <div class="related-links"><h3>Most read</h3><ul><li><a href="/c">Storm closes coast road</a></li>
    <li><a href="/d">Lighthouse keeper's diary sold</a></li></ul></div>
</div>
<div class="sidebar"><div class="promo">Subscribe for one crown a week</div></div>
</div>
<footer><p>&copy; The Harbour Courier</p></footer>
</body></html>
"""

NEWS_CHROME = ("Share on Facebook", "comments", "Morning Tide", "morning briefing", "More on ferries",
               "Island fares", "Most read", "Storm closes", "Subscribe", "The Harbour Courier", "News\n")

WIKI_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Lake Orvik - Wikipedia</title></head>
<body>
<div id="mw-head"><div id="p-personal"><ul><li><a href="/login">Log in</a></li></ul></div></div>
<div id="content" class="mw-body">
<h1 id="firstHeading" class="firstHeading">Lake Orvik</h1>
<div id="bodyContent">
<div id="siteSub" class="noprint">From Wikipedia, the free encyclopedia</div>
<div id="jump-to-nav" class="mw-jump">Jump to navigation</div>
<div id="mw-content-text"><div class="mw-parser-output">
<table class="infobox"><tbody>
<tr><th>Surface area</th><td>41 km<sup>2</sup></td></tr>
<tr><th>Max. depth</th><td>87 m<sup id="cite_ref-survey_1-0" class="reference"><a href="#cite_note-survey-1">[1]</a></sup></td></tr>
</tbody></table>
<p><b>Lake Orvik</b> is a glacial lake in the Orvik valley. It drains north through the Brenna river into the
fjord.<sup id="cite_ref-survey_1-1" class="reference"><a href="#cite_note-survey-1">[1]</a></sup> Its basin was
carved during the last glaciation.<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup></p>
<div id="toc" class="toc"><div class="toctitle"><h2>Contents</h2></div>
<ul><li class="toclevel-1"><a href="#History"><span class="tocnumber">1</span> <span class="toctext">History</span></a></li>
<li class="toclevel-1"><a href="#Notes"><span class="tocnumber">2</span> <span class="toctext">Notes</span></a></li>
<li class="toclevel-1"><a href="#References"><span class="tocnumber">3</span> <span class="toctext">References</span></a></li>
</ul></div>
<h2><span class="mw-headline" id="History">History</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="/edit">edit</a><span class="mw-editsection-bracket">]</span></span></h2>
<p>A mill was built at the outlet in the eighteenth century.<sup id="cite_ref-3" class="reference"><a href="#cite_note-3">[3]</a></sup>
The mill closed when the valley road opened.<sup id="cite_ref-4" class="reference"><a href="#cite_note-4">[n 1]</a></sup></p>
<h2><span class="mw-headline" id="Notes">Notes</span><span class="mw-editsection">[<a href="/edit">edit</a>]</span></h2>
<div class="reflist"><ol class="references">
<li id="cite_note-4"><span class="mw-cite-backlink"><b><a href="#cite_ref-4">^</a></b></span> <span class="reference-text">The road reached the outlet in the spring of 1911.</span></li>
</ol></div>
<h2><span class="mw-headline" id="Citations">Citations</span><span class="mw-editsection">[<a href="/edit">edit</a>]</span></h2>
<div class="reflist"><ol class="references">
<li id="cite_note-survey-1"><span class="mw-cite-backlink">^ <a href="#cite_ref-survey_1-0"><sup><i><b>a</b></i></sup></a> <a href="#cite_ref-survey_1-1"><sup><i><b>b</b></i></sup></a></span> <span class="reference-text"><cite class="citation web">"Depth survey of Lake Orvik". Valley Water Office. Retrieved 3 March 2019.</cite></span></li>
<li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#cite_ref-2">^</a></b></span> <span class="reference-text"><a href="#CITEREFSundqvist1998">Sundqvist 1998</a>, p. 12.</span></li>
<li id="cite_note-3"><span class="mw-cite-backlink"><b><a href="#cite_ref-3">^</a></b></span> <span class="reference-text"><a href="#CITEREFHolm2004">Holm 2004</a>, p. 40.</span></li>
</ol></div>
<h2><span class="mw-headline" id="References">References</span><span class="mw-editsection">[<a href="/edit">edit</a>]</span></h2>
<div class="refbegin"><ul>
<li><cite id="CITEREFHolm2004" class="citation book">Holm, Signe (2004). <i>Mills of the Northern Valleys</i>. Brenna Press.</cite></li>
<li><cite id="CITEREFSundqvist1998" class="citation book">Sundqvist, Per (1998). <i>Glacial Lakes of the Fjord Country</i>. Northern University Press.</cite></li>
</ul></div>
<div class="navbox"><table><tr><th>Lakes of the valley</th><td><a href="/a">Lake Brenna</a> · <a href="/b">Lake Tind</a></td></tr></table></div>
</div></div>
<div id="catlinks" class="catlinks">Categories: Lakes of the valley</div>
</div></div>
<div id="mw-navigation"><div id="p-navigation" role="navigation"><h3>Navigation</h3><ul><li>Main page</li></ul></div></div>
<div id="footer" role="contentinfo"><ul><li>Text is available under a licence.</li></ul></div>
</body></html>
"""

PANDOC_PAGE = """<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="" xml:lang="">
<head><meta charset="utf-8" /><meta name="generator" content="pandoc" />
<meta name="author" content="Maren Tvedt" /><meta name="dcterms.date" content="2024-09-02" />
<title>Sediment counts in small mountain lakes</title></head>
<body>
<header id="title-block-header">
<h1 class="title">Sediment counts in small mountain lakes</h1>
<p class="author">Maren Tvedt<sup>1</sup>, Oskar Lie<sup>1,2</sup></p>
<p class="date">2 September 2024</p>
</header>
<h1 id="summary">Summary</h1>
<p>Counting sediment layers gives the age of a lake bed<span class="citation" data-cites="tvedt2019"><sup>1</sup></span>.
A core of 10<sup>4</sup> layers spans about ten thousand years<span class="citation" data-cites="lie2020 aas2021"><sup>2,3</sup></span>.</p>
<h1 class="unnumbered" id="references">References</h1>
<div id="refs" class="references csl-bib-body" role="doc-bibliography">
<div id="ref-tvedt2019" class="csl-entry" role="doc-biblioentry">
<div class="csl-left-margin">1. </div><div class="csl-right-inline">Tvedt, M. Layer counting in varved sediments. <em>Journal of Lake Studies</em> <strong>12</strong>, 33–41 (2019).</div>
</div>
<div id="ref-lie2020" class="csl-entry" role="doc-biblioentry">
<div class="csl-left-margin">2. </div><div class="csl-right-inline">Lie, O. &amp; Tvedt, M. Dating mountain lakes. <em>Boreal Geology</em> <strong>7</strong>, 100–118 (2020).</div>
</div>
<div id="ref-aas2021" class="csl-entry" role="doc-biblioentry">
<div class="csl-left-margin">3. </div><div class="csl-right-inline">Aas, K. Cores from the high plateau. <em>Boreal Geology</em> <strong>8</strong>, 5–19 (2021).</div>
</div>
</div>
</body></html>
"""

PANDOC_TEXT = "\n\n".join([
    "Sediment counts in small mountain lakes",
    "Maren Tvedt, Oskar Lie",
    "2 September 2024",
    "Summary",
    "Counting sediment layers gives the age of a lake bed[1]. A core of 10^4 layers spans about ten thousand "
    "years[2,3].",
    "References",
    "1. Tvedt, M. Layer counting in varved sediments. Journal of Lake Studies 12, 33–41 (2019).",
    "2. Lie, O. & Tvedt, M. Dating mountain lakes. Boreal Geology 7, 100–118 (2020).",
    "3. Aas, K. Cores from the high plateau. Boreal Geology 8, 5–19 (2021).",
])

PANDOC_NOTES_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><meta name="generator" content="pandoc" />
<title>Ice roads</title></head>
<body>
<h1 id="ice-roads">Ice roads</h1>
<p>Winter roads across the lakes open once the ice is thick enough (Berg, 2017).<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a>
The season has shortened in recent decades (Nyquist &amp; Berg, 2021).<a href="#fn2" class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a></p>
<h1 class="unnumbered" id="references">References</h1>
<div id="refs" class="references csl-bib-body hanging-indent" role="doc-bibliography">
<div id="ref-berg2017" class="csl-entry" role="doc-biblioentry">Berg, A. (2017). <em>Roads over water</em>. Lakeside Books.</div>
<div id="ref-nyquist2021" class="csl-entry" role="doc-biblioentry">Nyquist, L., &amp; Berg, A. (2021). Shorter ice seasons on northern lakes. <em>Cold Regions Notes</em>, <em>4</em>(2), 8–15.</div>
</div>
<aside id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes">
<hr />
<ol>
<li id="fn1"><p>Forty centimetres of clear ice carries a car.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn2"><p>The regional road office keeps the opening dates.<a href="#fnref2" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
</ol>
</aside>
</body></html>
"""

PANDOC_NOTES_TEXT = "\n\n".join([
    "Ice roads",
    "Winter roads across the lakes open once the ice is thick enough (Berg, 2017).[1] The season has shortened "
    "in recent decades (Nyquist & Berg, 2021).[2]",
    "References",
    "Berg, A. (2017). Roads over water. Lakeside Books.",
    "Nyquist, L., & Berg, A. (2021). Shorter ice seasons on northern lakes. Cold Regions Notes, 4(2), 8–15.",
    "[1] Forty centimetres of clear ice carries a car.",
    "[2] The regional road office keeps the opening dates.",
])

WORDPRESS_PAGE = """<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8">
<title>Why the orchard kept its old pear trees &#8211; Valley Growers</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2023-10-04T09:00:00+00:00">
</head>
<body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Valley Growers</a></p>
  <nav id="site-navigation" class="main-navigation"><ul><li><a href="/">Home</a></li><li><a href="/blog">Blog</a></li></ul></nav></header>
<div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-88" class="post-88 post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">Why the orchard kept its old pear trees</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="2023-10-04T09:00:00+00:00">4 October 2023</time></span>
<span class="byline"> by <span class="author vcard"><a href="/author/ebba">Ebba Strand</a></span></span></div></header>
<div class="entry-content">
<p>When the cooperative replanted the lower orchard, it left the row of old pear trees by the wall
standing.<sup data-fn="c1d2" class="fn"><a href="#c1d2" id="c1d2-link">1</a></sup> The trees still crop every
other year, and their fruit keeps through the winter better than any newer variety in the valley.</p>
<p>Grafting wood from them now goes to three other farms.<sup class="easy-footnote"><a href="#easy-footnote-bottom-2-88">2</a></sup>
The growers say the trees are also the only shelter the bees have on the windy side of the slope.</p>
<ol class="wp-block-footnotes"><li id="c1d2">The wall itself dates from the time of the first cooperative. <a href="#c1d2-link" aria-label="Jump to footnote reference 1">↩︎</a></li></ol>
<ol class="easy-footnotes-wrapper"><li class="easy-footnote-single"><span id="easy-footnote-bottom-2-88" class="easy-footnote-margin-adjust"></span>Scion wood is cut in late winter.<a class="easy-footnote-to-top" href="#easy-footnote-2-88"></a></li></ol>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">Email</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3><p><a href="/x">Pruning in a wet spring</a></p></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in Orchards</span></footer>
</article>
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on the pear trees</h2>
<ol class="comment-list"><li class="comment"><p>We have the same variety behind our barn and it never fails.</p></li>
<li class="comment"><p>Could you say which rootstock the cooperative used for the new rows?</p></li></ol></div>
</main></div>
<footer id="colophon" class="site-footer"><p>Proudly published by the cooperative</p></footer>
</div></body></html>
"""

WORDPRESS_CHROME = ("Share this", "Facebook", "Related", "Pruning", "thoughts on", "same variety", "rootstock",
                    "Posted in", "Proudly", "Blog")

# The same kind of article as a browser saves it: every in-page link made absolute
# (``https://…/wiki/Tarn_Vessel#cite_note-3``) and no canonical link; the first note carrying a
# template's <style>; a browser extension's <div> injected inside a <cite>; explanatory notes whose
# own markers point into the citations; short "sfn" notes pointing into a "Sources" list of
# semicolon-separated authors; dates in the styles of Wikipedia's templates; a JSON-LD block in
# CDATA saying when the page was first published and last modified; and a navigation box whose
# marker is the only one for its note.
_SAVED = "https://encyclopedia.example/wiki/Tarn_Vessel"
SAVED_WIKI_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tarn Vessel - Encyclopedia</title>
<base href="."></head>
<body>
<div id="content" class="mw-body">
<h1 id="firstHeading" class="firstHeading">Tarn Vessel</h1>
<div id="bodyContent"><div id="mw-content-text"><div class="mw-parser-output">
<p>The <b>Tarn Vessel</b> is a bronze cauldron found in a peat bog in 1931.<sup id="cite_ref-find_1-0"
class="reference"><a href="{_SAVED}#cite_note-find-1">[1]</a></sup> It held traces of honey
mead.<sup id="cite_ref-2" class="reference"><a href="{_SAVED}#cite_note-2">[2]</a></sup><sup id="cite_ref-6"
class="reference"><a href="{_SAVED}#cite_note-6">[a]</a></sup></p>
<h2><span class="mw-headline" id="Study">Study</span></h2>
<p>The rim was mended twice in antiquity.<sup id="cite_ref-3" class="reference"><a
href="{_SAVED}#cite_note-3">[3]</a></sup> A museum bought it in the year it was
found.<sup id="cite_ref-find_1-1" class="reference"><a href="{_SAVED}#cite_note-find-1">[1]</a></sup><sup
id="cite_ref-4" class="reference"><a href="{_SAVED}#cite_note-4">[4]</a></sup></p>
<h2><span class="mw-headline" id="Notes">Notes</span></h2>
<div class="reflist reflist-lower-alpha"><ol class="references">
<li id="cite_note-6"><span class="mw-cite-backlink"><b><a href="{_SAVED}#cite_ref-6">^</a></b></span>
<span class="reference-text">The mead was identified from pollen grains.<sup id="cite_ref-5"
class="reference"><a href="{_SAVED}#cite_note-5">[5]</a></sup></span></li>
</ol></div>
<h2><span class="mw-headline" id="Citations">Citations</span></h2>
<div class="reflist"><ol class="references">
<li id="cite_note-find-1"><span class="mw-cite-backlink">^ <a href="{_SAVED}#cite_ref-find_1-0"><sup><i><b>a</b></i></sup></a>
<a href="{_SAVED}#cite_ref-find_1-1"><sup><i><b>b</b></i></sup></a></span> <span class="reference-text"><style
data-mw-deduplicate="TemplateStyles:r1">{".mw-parser-output cite.citation{font-style:inherit} " * 120}</style><cite
class="citation news">Lund, Britt (12 May 2009). "The bog gives up its cauldron"<div class="shield-container"
style="display: -webkit-inline-box; width: 16px"><div class="shield"></div></div>. Fen Courier.
Retrieved 3 March 2019.</cite></span></li>
<li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="{_SAVED}#cite_ref-2">^</a></b></span>
<span class="reference-text"><a href="{_SAVED}#CITEREFAsk2004">Ask 2004</a>, p. 12.</span></li>
<li id="cite_note-3"><span class="mw-cite-backlink"><b><a href="{_SAVED}#cite_ref-3">^</a></b></span>
<span class="reference-text"><a href="{_SAVED}#CITEREFVikMoen2011">Vik &amp; Moen 2011</a>, pp. 40–41.</span></li>
<li id="cite_note-4"><span class="mw-cite-backlink"><b><a href="{_SAVED}#cite_ref-4">^</a></b></span>
<span class="reference-text"><cite class="citation web">"Collection record: cauldron". Fen Museum. 2016-04-02.
Retrieved 2021-11-30.</cite></span></li>
<li id="cite_note-5"><span class="mw-cite-backlink"><b><a href="{_SAVED}#cite_ref-5">^</a></b></span>
<span class="reference-text"><a href="{_SAVED}#CITEREFAsk2004">Ask 2004</a>, p. 30.</span></li>
<li id="cite_note-7"><span class="mw-cite-backlink"><b><a href="{_SAVED}#cite_ref-7">^</a></b></span>
<span class="reference-text">"Bog finds by county". Fen Museum. 2015-01-20.</span></li>
</ol></div>
<h2><span class="mw-headline" id="Sources">Sources</span></h2>
<div class="refbegin"><ul>
<li><cite id="CITEREFAsk2004" class="citation book">Ask, Tora (2004). <i>Bronze in the Bogs</i><div
class="shield-container"><div class="shield"></div></div>. Fen Press.</cite></li>
<li><cite id="CITEREFVikMoen2011" class="citation book">Vik, Helge; Moen, Aud (2011). <i>Mending Metal</i>.
North Academic.</cite></li>
</ul></div>
<div class="navbox"><table><tr><th>Bog finds of the county<sup id="cite_ref-7" class="reference"><a
href="{_SAVED}#cite_note-7">[6]</a></sup></th><td><a href="/a">Tarn Vessel</a> · <a href="/b">Moss Ring</a>
· <a href="/c">Fen Sword</a> · <a href="/d">Reed Comb</a></td></tr></table></div>
</div></div></div>
<div id="footer" role="contentinfo"><ul><li>This page was last edited on 30 November 2021.</li></ul></div>
</div>
<script type="application/ld+json">
<![CDATA[
{{"@context":"https://schema.org","@type":"Article","name":"Tarn Vessel","datePublished":"2008-02-11T10:00:00Z",
"dateModified":"2021-11-30T09:00:00Z"}}
]]>
</script>
</body></html>
"""
