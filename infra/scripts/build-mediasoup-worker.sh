#!/bin/bash
# Offline build of the mediasoup 3.15.8 worker from the npm tarball against
# Debian 12 system libs (no subproject downloads), with libsrtp2 2.5.0 built
# here from Debian's source package as a static library on OpenSSL, the
# DTLS patch without which the worker crashes on a browser's first handshake,
# and io_uring (Debian's liburing 2.3, linked statically, with a small compat
# header for the three liburing 2.4+ helpers mediasoup calls): the router then
# hands the kernel a producer's packet for all its consumers in one system call
# instead of one sendto() each. The worker falls back to libuv by itself on a
# kernel before 6 or where io_uring is not allowed. libsrtp's stream list gets an
# SSRC index (mediasoup-worker/srtp_stream_index.c): a lookup per packet was a walk
# of every SSRC the transport had sent, 8 % of the worker's time in a 100-person room.
# Used only where mediasoup's prebuilt worker cannot be downloaded; see README.
# Usage: build-mediasoup-worker.sh [OUT_DIR] [LIBSRTP2_SRC]
#   OUT_DIR       default ${XDG_CACHE_HOME:-~/.cache}/padmeet/mediasoup-worker
#                 (outside the clone, so CI and later clones reuse it)
#   LIBSRTP2_SRC  libsrtp2_2.5.0.orig.tar.gz or a directory holding it; default:
#                 fetched with apt-get source from the Debian mirror that the
#                 system's apt already uses (private sources/lists dirs, system
#                 apt config untouched)
# Skips the build when OUT_DIR/mediasoup-worker exists for the same build id.
# Last line of stdout: absolute path of the worker binary
# (use it as MEDIASOUP_WORKER_BIN for `npm install` and at run time).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRTP_INDEX=$HERE/mediasoup-worker/srtp_stream_index.c
SRTP_INDEX_TEST=$HERE/mediasoup-worker/srtp_stream_index_test.c
MS_VERSION=3.15.8
SRTP_VERSION=2.5.0
SRTP_ORIG=libsrtp2_$SRTP_VERSION.orig.tar.gz
SRTP_SHA256=8a43ef8e9ae2b665292591af62aa1a4ae41e468b6d98d8258f91478735da4e09
OUT_DIR=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/padmeet/mediasoup-worker}
SRTP_SRC=${2:-}
if [ -n "$SRTP_SRC" ]; then
  [ -d "$SRTP_SRC" ] && SRTP_SRC=$SRTP_SRC/$SRTP_ORIG
  [ -f "$SRTP_SRC" ] || { echo "ERROR: $SRTP_SRC not found" >&2; exit 1; }
  SRTP_SRC=$(cd "$(dirname "$SRTP_SRC")" && pwd)/$(basename "$SRTP_SRC")
fi

# Debian packages needed; installed when missing and running as root.
PKGS="meson ninja-build pkg-config build-essential python3 libssl-dev libuv1-dev
  libusrsctp-dev libabsl-dev libflatbuffers-dev flatbuffers-compiler liburing-dev debian-archive-keyring"
missing=$(for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >&2
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
  else
    echo "missing Debian packages: $missing" >&2
    exit 1
  fi
fi

# The cache key: mediasoup + libsrtp versions, the patch revision and the Debian
# libraries the binary links against (an apt upgrade of one of them rebuilds).
libver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo none; }
BUILD_ID="$MS_VERSION libsrtp2-$SRTP_VERSION-openssl-index-$(cat "$SRTP_INDEX" | sha256sum | cut -c1-12) dtls-patch-1 uring-$(libver liburing-dev)-compat-1 ssl-$(libver libssl-dev) uv-$(libver libuv1-dev) sctp-$(libver libusrsctp-dev) absl-$(libver libabsl-dev)"
mkdir -p "$OUT_DIR"
OUT_DIR=$(cd "$OUT_DIR" && pwd)
BIN=$OUT_DIR/mediasoup-worker
STAMP=$OUT_DIR/mediasoup-worker.version
if [ -x "$BIN" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$BUILD_ID" ]; then
  echo "mediasoup-worker already built ($BUILD_ID)" >&2
  echo "$BIN"
  exit 0
fi
WORK=$(mktemp -d "$OUT_DIR/build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
{
if [ -z "$SRTP_SRC" ]; then
  # Debian source package via apt-get with private sources/lists dirs.
  # The mirror is the one the system's apt already uses for Debian's main archive.
  MIRROR=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$MIRROR" ] || MIRROR=$(awk '$1 == "deb" && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$MIRROR" ] || { echo "ERROR: no Debian mirror found in the apt sources; pass LIBSRTP2_SRC" >&2; exit 1; }
  mkdir -p apt/sources.d apt/lists/partial apt/src
  cat > apt/sources.d/debian-src.sources <<EOF
Types: deb-src
URIs: $MIRROR
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  APT_OPTS=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$WORK/apt/sources.d"
    -o Dir::State::Lists="$WORK/apt/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=)
  apt-get "${APT_OPTS[@]}" -qq update
  (cd apt/src && apt-get "${APT_OPTS[@]}" -qq source --download-only libsrtp2)
  SRTP_SRC=$WORK/apt/src/$SRTP_ORIG
fi
echo "$SRTP_SHA256  $SRTP_SRC" | sha256sum -c --quiet - || { echo "ERROR: $SRTP_SRC: checksum mismatch" >&2; exit 1; }

npm pack --silent "mediasoup@$MS_VERSION"
tar xzf "mediasoup-$MS_VERSION.tgz"
cd package/worker

# Fix: onSslBioOut() returned 1 for every callback except a bare BIO_CB_RETURN.
# OpenSSL calls it with BIO_CB_CTRL|BIO_CB_RETURN for ctrl queries, so with
# Debian's kTLS-enabled OpenSSL 3.0 BIO_get_ktls_send() read 1, no write buffer
# was allocated and the worker crashed (SIGSEGV) on the first DTLS handshake.
# Return OpenSSL's own result for every *_RETURN call.
f=src/RTC/DtlsTransport.cpp
sed -i -E 's/(long resultOfcallback = )\(operationType[[:space:]]*==[[:space:]]*BIO_CB_RETURN\)/\1(operationType \& BIO_CB_RETURN)/' "$f"
if ! grep -qF 'long resultOfcallback = (operationType & BIO_CB_RETURN) ? static_cast<long>(ret) : 1;' "$f" \
   || grep -qE 'operationType[[:space:]]*==[[:space:]]*BIO_CB_RETURN' "$f"; then
  echo "ERROR: onSslBioOut patch did not apply to $f" >&2
  exit 1
fi

# Debian 12 ships meson 1.0.1.
sed -i "s/meson_version: '>= 1.1.0'/meson_version: '>= 1.0.0'/" meson.build
grep -qF "meson_version: '>= 1.0.0'" meson.build || { echo "ERROR: meson_version patch failed" >&2; exit 1; }
# Replace the download wraps with shims over system libs.
rm -f subprojects/*.wrap
mkdir -p subprojects/{openssl,libuv,libsrtp2,usrsctp,abseil-cpp,catch2,flatbuffers,liburing}
# placeholder static libs (targets for the main meson.build link_whole list)
for d in openssl libuv libsrtp2 usrsctp abseil-cpp flatbuffers liburing; do
  echo "int ms_offline_shim_placeholder_${d//-/_}(void) { return 0; }" > subprojects/$d/placeholder.c
done
cat > subprojects/openssl/meson.build <<'EOF'
project('openssl', 'c')
# Shim: wrap Debian's system OpenSSL (libssl-dev).
libcrypto_dep = dependency('libcrypto')
libssl_dep = dependency('libssl')
openssl_dep = dependency('openssl')
# Placeholders for main meson.build's link_whole list (only used by the
# non-default 'libmediasoup-worker' target).
libcrypto_lib = static_library('ms_shim_libcrypto', 'placeholder.c')
libssl_lib = libcrypto_lib
EOF
cat > subprojects/libuv/meson.build <<'EOF'
project('libuv', 'c')
# Shim: wrap Debian's system libuv (libuv1-dev).
libuv_dep = dependency('libuv')
libuv = static_library('ms_shim_libuv', 'placeholder.c')
EOF
cat > subprojects/libuv/meson_options.txt <<'EOF'
option('build_tests', type : 'boolean', value : false)
option('build_benchmarks', type : 'boolean', value : false)
EOF
cat > subprojects/libsrtp2/meson.build <<'EOF'
project('libsrtp2', 'c')
# Shim: libsrtp2 2.5.0 built by the recipe (static, PIC, OpenSSL backend) in
# dist/. mediasoup expects its libsrtp "3.0-alpha" fork whose protect/unprotect
# take size_t* lengths; ms_srtp_compat.h (force-included) adds size_t* overloads.
_dist = meson.current_source_dir() / 'dist'
libsrtp2_dep = declare_dependency(
  dependencies : dependency('libcrypto'),
  link_args : [_dist / 'lib' / 'libsrtp2.a'],
  compile_args : [
    '-I' + (_dist / 'include' / 'srtp2'),
    '-include', meson.current_source_dir() / 'ms_srtp_compat.h',
  ],
)
libsrtp2 = static_library('ms_shim_libsrtp2', 'placeholder.c')
EOF
cat > subprojects/libsrtp2/meson_options.txt <<'EOF'
option('crypto-library', type : 'combo', choices : ['none', 'openssl', 'nss', 'mbedtls'], value : 'none')
option('crypto-library-kdf', type : 'feature', value : 'auto')
option('tests', type : 'feature', value : 'auto')
EOF
cat > subprojects/libsrtp2/ms_srtp_compat.h <<'EOF'
// Compat shim: libsrtp2 2.5 (int* lengths) vs mediasoup's libsrtp
// 3.0-alpha fork (size_t* lengths). Force-included into worker sources.
#ifndef MS_SRTP_COMPAT_H
#define MS_SRTP_COMPAT_H
#include <srtp.h>
#ifdef __cplusplus
#include <cstddef>
namespace ms_srtp_compat
{
	// mediasoup's DepLibSRTP error table only covers codes 0..24
	// (srtp_err_status_pfkey_err); libsrtp 2.5 adds 25..27.
	inline srtp_err_status_t clamp(srtp_err_status_t s)
	{
		return (static_cast<int>(s) > static_cast<int>(srtp_err_status_pfkey_err)) ? srtp_err_status_fail : s;
	}
	template<typename F>
	inline srtp_err_status_t call(F f, srtp_t ctx, void* hdr, size_t* len)
	{
		int l = static_cast<int>(*len);
		srtp_err_status_t s = f(ctx, hdr, &l);
		if (l >= 0)
			*len = static_cast<size_t>(l);
		return clamp(s);
	}
} // namespace ms_srtp_compat
inline srtp_err_status_t srtp_protect(srtp_t ctx, void* hdr, size_t* len)
{
	return ms_srtp_compat::call(static_cast<srtp_err_status_t (*)(srtp_t, void*, int*)>(&srtp_protect), ctx, hdr, len);
}
inline srtp_err_status_t srtp_unprotect(srtp_t ctx, void* hdr, size_t* len)
{
	return ms_srtp_compat::call(static_cast<srtp_err_status_t (*)(srtp_t, void*, int*)>(&srtp_unprotect), ctx, hdr, len);
}
inline srtp_err_status_t srtp_protect_rtcp(srtp_t ctx, void* hdr, size_t* len)
{
	return ms_srtp_compat::call(static_cast<srtp_err_status_t (*)(srtp_t, void*, int*)>(&srtp_protect_rtcp), ctx, hdr, len);
}
inline srtp_err_status_t srtp_unprotect_rtcp(srtp_t ctx, void* hdr, size_t* len)
{
	return ms_srtp_compat::call(static_cast<srtp_err_status_t (*)(srtp_t, void*, int*)>(&srtp_unprotect_rtcp), ctx, hdr, len);
}
// libsrtp 3 renamed srtp_remove_stream() to srtp_stream_remove().
inline srtp_err_status_t srtp_stream_remove(srtp_t session, unsigned int ssrc)
{
	return ms_srtp_compat::clamp(srtp_remove_stream(session, ssrc));
}
#endif // __cplusplus
#endif // MS_SRTP_COMPAT_H
EOF
cat > subprojects/usrsctp/meson.build <<'EOF'
project('usrsctp', 'c')
# Shim: wrap Debian's system usrsctp (libusrsctp-dev).
usrsctp_dep = dependency('usrsctp')
usrsctp = static_library('ms_shim_usrsctp', 'placeholder.c')
EOF
cat > subprojects/usrsctp/meson_options.txt <<'EOF'
option('sctp_build_programs', type : 'boolean', value : false)
EOF
cat > subprojects/abseil-cpp/meson.build <<'EOF'
project('abseil-cpp', 'c', 'cpp')
# Shim: wrap Debian's system Abseil 20220623 (libabsl-dev) via pkg-config.
absl_container_dep = declare_dependency(dependencies : [
  dependency('absl_flat_hash_map'),
  dependency('absl_flat_hash_set'),
  dependency('absl_inlined_vector'),
  dependency('absl_btree'),
])
absl_strings_dep = declare_dependency(dependencies : [
  dependency('absl_strings'),
  dependency('absl_memory'),
])
absl_types_dep = declare_dependency(dependencies : [
  dependency('absl_optional'),
  dependency('absl_variant'),
  dependency('absl_span'),
])
absl_container_lib = static_library('ms_shim_absl_container', 'placeholder.c')
EOF
cat > subprojects/catch2/meson.build <<'EOF'
project('catch2', 'cpp')
# Shim: Catch2 only needed for mediasoup-worker-test (not built here).
catch2_dep = dependency('catch2', required : false)
catch2_with_main_dep = dependency('catch2-with-main', required : false)
EOF
cat > subprojects/flatbuffers/meson.build <<'EOF'
project('flatbuffers', 'c', 'cpp')
# Shim: wrap Debian's system flatbuffers 2.0.8 (libflatbuffers-dev);
# flatc comes from /usr/bin/flatc (flatbuffers-compiler) via find_program.
flatbuffers_dep = dependency('flatbuffers')
flatbuffers_lib = static_library('ms_shim_flatbuffers', 'placeholder.c')
EOF
cat > subprojects/liburing/meson.build <<'EOF'
project('liburing', 'c')
# Shim: Debian's liburing 2.3 (liburing-dev), linked statically (nothing to
# install at run time), plus ms_uring_compat.h for what mediasoup takes from 2.4+.
uring = declare_dependency(
  dependencies : dependency('liburing', static : true),
  compile_args : ['-include', meson.current_source_dir() / 'ms_uring_compat.h'],
)
liburing = static_library('ms_shim_liburing', 'placeholder.c')
EOF
cat > subprojects/liburing/ms_uring_compat.h <<'EOF'
// Compat shim: mediasoup 3.15 is written against liburing 2.5; Debian 12 has
// 2.3, which lacks io_uring_prep_sendto() and the version getters (2.4+).
// The kernel side (IORING_OP_SEND with a destination address) is 6.0+, which
// mediasoup checks before it enables io_uring.
#ifndef MS_URING_COMPAT_H
#define MS_URING_COMPAT_H
#include <liburing.h>
#ifndef IO_URING_VERSION_MAJOR
static inline void io_uring_prep_sendto(struct io_uring_sqe* sqe, int sockfd, const void* buf, size_t len, int flags,
  const struct sockaddr* addr, socklen_t addrlen)
{
	io_uring_prep_send(sqe, sockfd, buf, len, flags);
	io_uring_prep_send_set_addr(sqe, addr, addrlen);
}
static inline int io_uring_major_version(void) { return 2; }
static inline int io_uring_minor_version(void) { return 3; }
#endif
#endif // MS_URING_COMPAT_H
EOF
# libsrtp2 2.5.0 from Debian's orig tarball (Debian's patches touch only tests
# and docs): static, PIC, OpenSSL backend. Debian's own libsrtp2 uses NSS; on a
# 2-vCPU VM this build forwarded ~2.4x the AES_CM_128_HMAC_SHA1_80 and ~1.7x
# the AEAD_AES_128_GCM SRTP packets per core (plain RTP unchanged).
SRTP_DIST=$PWD/subprojects/libsrtp2/dist
mkdir -p "$WORK/srtp-build"
tar xzf "$SRTP_SRC" -C "$WORK"
# The SSRC-indexed stream list replaces libsrtp's own (SRTP_NO_STREAM_LIST is libsrtp's hook for that).
SRTP_TREE=$WORK/libsrtp-$SRTP_VERSION
cp "$SRTP_INDEX" "$SRTP_TREE/srtp/srtp_stream_index.c"
printf '\n#ifdef SRTP_NO_STREAM_LIST\n#include "srtp_stream_index.c"\n#endif\n' >> "$SRTP_TREE/srtp/srtp.c"
(
  cd "$WORK/srtp-build"
  # CFLAGS empty keeps libsrtp's own optimisation flags (-O3 …); the define goes in CPPFLAGS.
  CFLAGS= CPPFLAGS=-DSRTP_NO_STREAM_LIST "$SRTP_TREE/configure" --enable-openssl --disable-pcap --prefix="$SRTP_DIST"
  make -j"$(nproc)" libsrtp2.a test
  make install
  # self-tests (exit non-zero on failure); the AES ciphers must report OpenSSL
  crypto/test/cipher_driver -v > cipher_driver.log
  test/srtp_driver -v > srtp_driver.log
  test/test_srtp > test_srtp.log
  # the index against a plain array, over thousands of inserts and removals
  cc -O2 -Wall -DHAVE_CONFIG_H -DSRTP_NO_STREAM_LIST -I"$SRTP_TREE/include" -I"$SRTP_TREE/crypto/include" -Icrypto/include \
    "$SRTP_INDEX_TEST" libsrtp2.a -lcrypto -o srtp_stream_index_test
  ./srtp_stream_index_test
)
if ! grep -qF 'AES-128 counter mode using openssl...passed' "$WORK/srtp-build/cipher_driver.log" \
   || ! grep -qF 'AES-128 GCM using openssl...passed' "$WORK/srtp-build/cipher_driver.log" \
   || ! grep -qF 'SUCCESS: All unit tests have passed.' "$WORK/srtp-build/test_srtp.log" \
   || ! grep -qF 'testing srtp_stream_list...passed' "$WORK/srtp-build/srtp_driver.log" \
   || [ ! -f "$SRTP_DIST/lib/libsrtp2.a" ]; then
  echo "ERROR: libsrtp2 $SRTP_VERSION is not OpenSSL-backed or failed its self-tests" >&2
  exit 1
fi

meson setup build --buildtype=release -Db_ndebug=true --wrap-mode=nodownload
ninja -C build fbs/FBS
ninja -C build -j"$(nproc)" mediasoup-worker
# io_uring is compiled in only when the build machine's kernel is 6 or later (mediasoup's meson.build).
grep -q "MS_LIBURING_SUPPORTED" build/build.ninja ||
  echo "WARNING: mediasoup-worker built without io_uring (kernel $(uname -r)): one sendto() per packet" >&2
install -m 0755 build/mediasoup-worker "$BIN.tmp"
mv -f "$BIN.tmp" "$BIN"
echo "$BUILD_ID" > "$STAMP"
} >&2
echo "$BIN"
