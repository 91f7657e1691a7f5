# Compare the ipmikit CLI with stock ipmitool on one BMC (sourced after common.sh). The
# caller sets IT=(ipmitool ...) and IK=(ipmikit ...) arrays with the connection options and
# T (a scratch directory); then:
#   same [SEDFILTER] -- ARGS...   identical stdout, same success or failure
#   ik_prefix_of_it -- ARGS...    ipmikit's lines are ipmitool's first ones (ipmikit stops
#                                 at a short response where ipmitool prints past it)
#   it_prefix_of_ik -- ARGS...    ipmitool's lines are ipmikit's first ones (ipmikit lists
#                                 more)
#   change ARGS...                a command that changes the BMC: ipmitool's run, then
#                                 ipmikit's, outputs compared
#   bad MESSAGE                   count a failure
# and $n (comparisons) and $fails at the end. $sessions is a sed filter for the session
# counts and console UDP ports that legitimately differ between two clients' runs.
fails=0
n=0
bad() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}

# run NAME FILTER ARGS... : both clients, outputs into $T/NAME.{it,ik}
run_pair() {
  local name=$1 filter=$2
  shift 2
  "${IT[@]}" "$@" >"$T/$name.it" 2>"$T/$name.it.err"
  it_rc=$?
  "${IK[@]}" "$@" >"$T/$name.ik" 2>"$T/$name.ik.err"
  ik_rc=$?
  if [ -n "$filter" ]; then
    sed -E "$filter" "$T/$name.it" >"$T/$name.it.f" && mv "$T/$name.it.f" "$T/$name.it"
    sed -E "$filter" "$T/$name.ik" >"$T/$name.ik.f" && mv "$T/$name.ik.f" "$T/$name.ik"
  fi
}

# same [FILTER] -- ARGS... : identical stdout, same success/failure
same() {
  local filter=""
  if [ "$1" != "--" ]; then
    filter=$1
    shift
  fi
  shift
  n=$((n + 1))
  local name="c$n"
  run_pair "$name" "$filter" "$@"
  if ! diff -u "$T/$name.it" "$T/$name.ik" >"$T/$name.diff"; then
    bad "'$*': stdout differs from ipmitool"
    head -30 "$T/$name.diff" >&2
    sed 's/^/  ipmikit stderr: /' "$T/$name.ik.err" | head -5 >&2
  elif [ $((it_rc == 0)) -ne $((ik_rc == 0)) ]; then
    bad "'$*': exit status $ik_rc, ipmitool $it_rc"
  else
    echo "ok: $* ($(wc -l <"$T/$name.ik") lines)"
  fi
}

# prefix -- ARGS... : every line ipmikit prints is ipmitool's line at the same place
ik_prefix_of_it() {
  shift
  n=$((n + 1))
  local name="c$n"
  run_pair "$name" "" "$@"
  local k
  k=$(wc -l <"$T/$name.ik")
  if [ "$k" -eq 0 ] || ! diff -u <(head -n "$k" "$T/$name.it") "$T/$name.ik" >/dev/null; then
    bad "'$*': ipmikit's lines are not ipmitool's first $k lines"
    diff -u "$T/$name.it" "$T/$name.ik" | head -20 >&2
  else
    echo "ok: $* (deliberate difference: ipmikit stops at the short response, $k lines)"
  fi
}

it_prefix_of_ik() {
  shift
  n=$((n + 1))
  local name="c$n"
  run_pair "$name" "" "$@"
  local k
  k=$(wc -l <"$T/$name.it")
  if ! diff -u "$T/$name.it" <(head -n "$k" "$T/$name.ik") >/dev/null; then
    bad "'$*': ipmitool's lines are not ipmikit's first $k lines"
    diff -u "$T/$name.it" "$T/$name.ik" | head -20 >&2
  else
    echo "ok: $* (deliberate difference: ipmikit lists $(($(wc -l <"$T/$name.ik") - k)) more)"
  fi
}

sessions='s/^(active sessions +: ).*/\1N/; s/^(  Active Session Count  : ).*/\1N/; s/^(console port +: ).*/\1N/'

change() { # ARGS... run by ipmitool then ipmikit (the BMC ends up the same either way)
  n=$((n + 1))
  local name="c$n"
  run_pair "$name" "" "$@"
  if ! diff -u "$T/$name.it" "$T/$name.ik" >"$T/$name.diff"; then
    bad "'$*': stdout differs from ipmitool"
    head -20 "$T/$name.diff" >&2
  elif [ $((it_rc == 0)) -ne $((ik_rc == 0)) ]; then
    bad "'$*': exit status $ik_rc, ipmitool $it_rc"
  else
    echo "ok: $* (changes the BMC)"
  fi
}
