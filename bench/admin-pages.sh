#!/usr/bin/env bash
# Times the newsroom's own pages on a running site (issue 18, item 4): signs in through the form as an editor and
# prints each page's status and median time of five warm requests.
# Usage: ADMIN_EMAIL=… ADMIN_PASSWORD=… bash bench/admin-pages.sh http://127.0.0.1:5000
set -euo pipefail
BASE=${1:?give the address of the site}
JAR=$(mktemp); trap 'rm -f "$JAR"' EXIT
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/admin/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -w "sign-in %{http_code}\n" -c "$JAR" -b "$JAR" --data-urlencode "Email=${ADMIN_EMAIL:?}" \
  --data-urlencode "Password=${ADMIN_PASSWORD:?}" --data-urlencode "__RequestVerificationToken=$TOKEN" "$BASE/admin/sign-in"
for page in /admin /admin/articles "/admin/articles?page=500" "/admin/articles?q=council" "/admin/articles?q=zzqx" \
  "/admin/articles?filter=mine" "/admin/articles?filter=drafts" "/admin/articles?filter=review" "/admin/articles?filter=scheduled" \
  "/admin/articles?filter=published" "/admin/articles?filter=trash" /admin/tags "/admin/tags?page=2" \
  /admin/subscribers "/admin/subscribers?page=500" /admin/analytics /admin/audit /admin/media /admin/sections /admin/front-page; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" "$BASE$page")
  median=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total}\n' -b "$JAR" "$BASE$page"; done | sort -n | sed -n 3p)
  awk -v page="$page" -v status="$status" -v s="$median" 'BEGIN { printf "%-32s %s %6.0f ms\n", page, status, s * 1000 }'
done
