<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an RSS or Atom feed opened in a browser as a plain page: what a feed is, then the stories, linked.
     Feed readers never fetch it. No script: the page's security policy forbids it anyway. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/">
    <xsl:variable name="title" select="(rss/channel/title | atom:feed/atom:title)[1]"/>
    <xsl:variable name="site" select="(rss/channel/link | atom:feed/atom:link[not(@rel) or @rel='alternate']/@href)[1]"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$title"/> (news feed)</title>
        <link rel="stylesheet" href="/css/feed.css"/>
      </head>
      <body>
        <main>
          <p class="feed-note"><strong>This is a news feed.</strong> Copy this page's address into a feed reader
            (such as NetNewsWire, Feedly or Thunderbird) to get every new story as it is published.</p>
          <h1><xsl:value-of select="$title"/></h1>
          <p><a href="{$site}">Go to the site</a></p>
          <ol class="feed-items">
            <xsl:for-each select="rss/channel/item | atom:feed/atom:entry">
              <li>
                <h2><a href="{(link | atom:link[not(@rel) or @rel='alternate']/@href)[1]}"><xsl:value-of select="title | atom:title"/></a></h2>
                <p><xsl:value-of select="description | atom:summary"/></p>
                <p class="feed-date"><xsl:value-of select="pubDate | atom:published"/></p>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
