#!/usr/bin/env python3
"""Regenerates common-passwords.txt from the `@zxcvbn-ts/language-common` npm package (MIT).

    npm pack @zxcvbn-ts/language-common@4.1.3 && tar xzf zxcvbn-ts-language-common-4.1.3.tgz
    python3 generate_common_passwords.py package/src/passwords.json > common-passwords.txt

One lowercase password per line, most common first, duplicates removed.
"""
import json
import sys

seen = set()
for word in json.load(open(sys.argv[1], encoding="utf-8")):
    word = word.strip().lower()
    if word and word not in seen:
        seen.add(word)
        print(word)
