#!/usr/bin/env python3
"""Writes a `subscriptions export` file of N subscriptions spread as a real bot's are.

BUSIEST_SHARE of them (default 0.30) at the busiest slot (BUSIEST, default 08:00 in BUSIEST_ZONE, default
Asia/Shanghai); 50 % of the rest at 07:00 or 08:00 in one of a few popular zones; the others at a random minute of
the day in those zones. Chats: 70 % Telegram private chats, 20 % Telegram groups, 10 % Discord channels; 80 % zh,
20 % en; 90 % daily, 10 % sequential (with a cursor); 2 % unsubscribed. Deterministic for one N (seeded).

usage: bench/subscriptions-file.py N OUT [busiest=08:00] [busiest-zone=Asia/Shanghai] [busiest-share=0.30]
"""
import json
import random
import sys

ZONES = ["Asia/Shanghai", "Asia/Taipei", "Asia/Hong_Kong", "America/Los_Angeles", "Europe/London", "UTC"]


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    busiest = sys.argv[3] if len(sys.argv) > 3 else "08:00"
    busiest_zone = sys.argv[4] if len(sys.argv) > 4 else "Asia/Shanghai"
    share = float(sys.argv[5]) if len(sys.argv) > 5 else 0.30
    rnd = random.Random(n)
    in_busiest = int(n * share)
    with open(out, "w", encoding="utf-8") as f:
        f.write('{"format": "excerpt-bot-subscriptions", "version": 1, "exportedAt": "2026-11-29T00:30:00Z",\n'
                ' "subscriptions": [\n')
        for i in range(n):
            if i < in_busiest:
                time, zone = busiest, busiest_zone
            elif rnd.random() < 0.5:
                time, zone = rnd.choice(["07:00", "08:00"]), rnd.choice(ZONES)
            else:
                time, zone = "%02d:%02d" % (rnd.randrange(24), rnd.randrange(60)), rnd.choice(ZONES)
            kind = rnd.random()
            if kind < 0.7:
                platform, chat_type, chat_id = "telegram", "private", str(6_000_000 + i)
            elif kind < 0.9:
                platform, chat_type, chat_id = "telegram", "group", str(-1_001_000_000_000 - i)
            else:
                platform, chat_type, chat_id = "discord", "channel", str(900_000_000_000_000_000 + i)
            sequential = rnd.random() < 0.1
            entry = {"platform": platform, "chatId": chat_id, "chatType": chat_type, "time": time, "zone": zone,
                     "mode": "sequential" if sequential else "daily",
                     "language": "zh" if rnd.random() < 0.8 else "en",
                     "cursor": rnd.randrange(500) if sequential else 0,
                     "status": "unsubscribed" if rnd.random() < 0.02 else "active"}
            f.write(("" if i == 0 else ",\n") + json.dumps(entry, separators=(", ", ": ")))
        f.write("\n]}\n")


if __name__ == "__main__":
    main()
