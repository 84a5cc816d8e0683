# Source me: puts Node 24 from the npm registry on PATH when the system Node is older (see README).
NODE_WANT=${NODE_WANT:-24}
if ! node -e 'process.exit(+process.versions.node.split(".")[0]>=+process.argv[1]?0:1)' "$NODE_WANT" 2>/dev/null; then
  case $(uname -m) in x86_64) _a=x64;; aarch64) _a=arm64;; *) _a=$(uname -m);; esac
  _dir="$HOME/.cache/node-npm/$NODE_WANT-linux-$_a"; _pkg="$_dir/node_modules/node-linux-$_a"
  if ! "$_pkg/bin/node" -v 2>/dev/null | grep -q "^v$NODE_WANT\."; then
    rm -rf "$_dir" && npm install --prefix "$_dir" --no-save --no-package-lock --no-audit --no-fund \
      --loglevel=error "node-linux-$_a@$NODE_WANT" || return 1
  fi
  export PATH="$_pkg/bin:$PATH" npm_config_nodedir="$_pkg"; hash -r
fi
