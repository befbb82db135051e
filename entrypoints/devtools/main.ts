// The DevTools page only adds the panel; everything else lives in the panel page.
browser.devtools.panels.create('WxCC', '/icon/32.png', '/devtools-panel.html');
