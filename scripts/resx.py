#!/usr/bin/env python3
"""Write or merge a .resx from a JSON object {english: translation}.
usage: resx.py PATH.es.resx < pairs.json   (existing entries are kept unless the JSON gives them again)"""
import json, sys, os
from xml.sax.saxutils import escape
import xml.etree.ElementTree as ET
path = sys.argv[1]
pairs = {}
if os.path.exists(path):
    for d in ET.parse(path).getroot().findall('data'):
        pairs[d.get('name')] = d.findtext('value') or ''
pairs.update(json.load(sys.stdin))
head = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
with open(path, 'w', encoding='utf-8') as f:
    f.write(head)
    for k in sorted(pairs):
        f.write('  <data name="%s" xml:space="preserve"><value>%s</value></data>\n' % (escape(k, {'"': '&quot;'}), escape(pairs[k])))
    f.write('</root>\n')
print(f"{path}: {len(pairs)} entries")
