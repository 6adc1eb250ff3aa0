#!/usr/bin/env bash
# Builds followup and its four channel plugins and installs them where followup finds
# them, with the man pages and shell completions:
#
#   PREFIX/bin/followup
#   PREFIX/share/followup/plugins/libfollowup_{email,sms,linkedin,letter}.so
#   PREFIX/share/man/man1/followup*.1
#   PREFIX/share/bash-completion/completions/followup, zsh and fish alike
#
# PREFIX is ~/.local unless --prefix says otherwise. The installed followup finds its
# plugins in PREFIX/share/followup/plugins because it sits in PREFIX/bin (see
# "Plugins are looked for" in the README). --debug installs a debug build instead of a
# release one (quicker to build). --built DIR installs what is already built in DIR
# (a cargo profile folder such as target/debug) without building: the tests use it on
# the build they already made. Nothing outside PREFIX is touched.
#
#   scripts/install.sh                    # release build into ~/.local
#   scripts/install.sh --prefix /opt/followup
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="${HOME:?HOME is not set; pass --prefix}/.local"
profile=release
built=
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --debug) profile=debug; shift ;;
    --built) built="${2:?--built needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ -n "$built" ]; then
  out="$built"
else
  packages=(-p followup-cli -p followup-email -p followup-sms -p followup-linkedin -p followup-letter)
  build=(cargo build --locked "${packages[@]}")
  [ "$profile" = release ] && build+=(--release)
  echo "building ($profile): ${build[*]}" >&2
  "${build[@]}"
  out="target/$profile"
fi
case "$(uname -s)" in
  Darwin) suffix=dylib ;;
  *) suffix=so ;;
esac

# Only the installing user may write the plugin folder: a plugin runs as you.
umask 022
bin="$prefix/bin"
plugins="$prefix/share/followup/plugins"
mkdir -p "$bin" "$plugins"
install -m 0755 "$out/followup" "$bin/followup"
for channel in email sms linkedin letter; do
  install -m 0644 "$out/libfollowup_$channel.$suffix" "$plugins/libfollowup_$channel.$suffix"
done
"$bin/followup" man --out "$prefix/share/man/man1" 2>/dev/null
mkdir -p "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
  "$prefix/share/fish/vendor_completions.d"
"$bin/followup" completions bash > "$prefix/share/bash-completion/completions/followup"
"$bin/followup" completions zsh > "$prefix/share/zsh/site-functions/_followup"
"$bin/followup" completions fish > "$prefix/share/fish/vendor_completions.d/followup.fish"

echo "installed $bin/followup and its plugins in $plugins" >&2
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "note: $bin is not on your PATH; add it, for example: export PATH=\"$bin:\$PATH\"" >&2 ;;
esac
echo "next: followup doctor" >&2
