# Sourced by .ci/run: starts a throwaway PostgreSQL cluster on 127.0.0.1
# for the tests of report/storedata/postgres, exports its DSN as
# SHOPMETRICS_TEST_POSTGRES, and stops and removes it when the shell exits
# (on failure too). Installs Debian's postgresql package when no server
# binaries are found. Set SHOPMETRICS_TEST_POSTGRES beforehand to use a
# server of your own instead.

pg_bindir() {
	local d
	if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
		dirname "$(command -v pg_ctl)"
		return 0
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

pg_start() {
	if [ -n "${SHOPMETRICS_TEST_POSTGRES:-}" ]; then
		echo "== postgres: using SHOPMETRICS_TEST_POSTGRES from the environment"
		return 0
	fi
	local bin
	if ! bin=$(pg_bindir); then
		echo "== postgres: installing Debian's postgresql package"
		if [ "$(id -u)" -ne 0 ]; then
			echo "postgres: no PostgreSQL server found and not root: install the postgresql package" >&2
			return 1
		fi
		DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null ||
			{ apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null; }
		bin=$(pg_bindir) || { echo "postgres: no pg_ctl after installing postgresql" >&2; return 1; }
	fi
	# A free port: ask the kernel for one.
	PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
		echo $((20000 + RANDOM % 20000)))
	PG_DIR=$(mktemp -d /tmp/shopmetrics-pg.XXXXXX)
	PG_RUN=()
	if [ "$(id -u)" -eq 0 ]; then
		# initdb refuses to run as root: run the server as postgres (the
		# package's user) or nobody.
		local user=postgres
		id "$user" >/dev/null 2>&1 || user=nobody
		chown "$user" "$PG_DIR"
		chmod 700 "$PG_DIR"
		PG_RUN=(runuser -u "$user" --)
	fi
	trap pg_stop EXIT
	echo "== postgres: throwaway cluster in $PG_DIR on 127.0.0.1:$PG_PORT ($bin)"
	"${PG_RUN[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 ||
		{ cat "$PG_DIR/initdb.log" >&2; return 1; }
	"${PG_RUN[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null ||
		{ cat "$PG_DIR/server.log" >&2; return 1; }
	PG_BIN=$bin
	export SHOPMETRICS_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PG_PORT/postgres?sslmode=disable"
}

pg_stop() {
	if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
		"${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
		rm -rf "$PG_DIR"
		echo "== postgres: stopped and removed $PG_DIR"
	fi
	PG_DIR=
}
