#!/usr/bin/env bash
# CTest "packaging": builds the Debian package from this build tree with CPack, then checks its
# control fields, its file list, the desktop/AppStream/MIME files, and that the extracted
# binaries run from the package layout (RUNPATH, shim and resources found without environment).
# Usage: check-package.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$1
work=$2
fail() { echo "packaging: $*" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work"
cd "$work"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work" >cpack.log 2>&1 || { cat cpack.log; fail "cpack failed"; }
debs=("$work"/fan-studio_*_*.deb)
[[ -f "${debs[0]}" && ${#debs[@]} -eq 1 ]] || fail "expected one fan-studio_<version>_<arch>.deb in $work"
deb=${debs[0]}

field() { dpkg-deb --field "$deb" "$1"; }
[[ $(field Package) == fan-studio ]] || fail "Package is '$(field Package)'"
[[ $(field Section) == graphics ]] || fail "Section is '$(field Section)'"
depends=$(field Depends)
for dep in libopenblas0-openmp libqt6sql6-sqlite libqt6widgets6 libsentencepiece0 libqcustomplot2.1-qt6 libtorch; do
  [[ $depends == *"$dep"* ]] || fail "Depends lacks $dep: $depends"
done
[[ -n $(field Description) ]] || fail "no Description"
dpkg-deb --info "$deb" | grep -Eq '^ *(postinst|prerm|postrm|preinst) ' && fail "unexpected maintainer scripts"

contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
expect() { grep -Eq "^\./usr/$1\$" <<<"$contents" || fail "package lacks /usr/$1"; }
expect 'bin/fan-studio'
expect 'bin/fan-cli'
expect 'lib/([a-z0-9_-]+/)?fan-studio/libfan_spm_shim\.so'
expect 'share/applications/org\.fanstudio\.FanStudio\.desktop'
expect 'share/metainfo/org\.fanstudio\.FanStudio\.metainfo\.xml'
expect 'share/mime/packages/org\.fanstudio\.FanStudio\.xml'
expect 'share/icons/hicolor/scalable/apps/org\.fanstudio\.FanStudio\.svg'
for size in 16 32 48 64 128 256; do expect "share/icons/hicolor/${size}x${size}/apps/org\.fanstudio\.FanStudio\.png"; done
expect 'share/fan-studio/help/user-guide\.md'
expect 'share/doc/fan-studio/README\.md'
grep -Eq '^\./(build|tmp|home|work)/' <<<"$contents" && fail "build-tree paths in the package"

root=$work/root
dpkg-deb -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/org.fanstudio.FanStudio.desktop" || fail "desktop file invalid"
appstreamcli validate --no-net --explain "$root/usr/share/metainfo/org.fanstudio.FanStudio.metainfo.xml" >appstream.log 2>&1 ||
  { cat appstream.log; fail "metainfo invalid"; }
for exe in fan-cli fan-studio; do
  readelf -d "$root/usr/bin/$exe" | grep -Eq 'RUNPATH.*\$ORIGIN/\.\./lib[^]]*/fan-studio' || fail "$exe has no RUNPATH to the shim"
done
"$root/usr/bin/fan-cli" --help >/dev/null || fail "installed fan-cli --help failed"
FAN_STUDIO_DATA_DIR=$work/data "$root/usr/bin/fan-cli" demo-data >/dev/null || fail "installed fan-cli demo-data failed"
QT_QPA_PLATFORM=offscreen "$root/usr/bin/fan-studio" --help >/dev/null || fail "installed fan-studio --help failed"
echo "packaging: $(basename "$deb") ok ($(du -k "$deb" | cut -f1) KiB)"
