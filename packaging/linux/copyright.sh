#!/bin/sh
# SPDX-License-Identifier: MIT
# Writes the packages' machine-readable copyright file (DEP-5) to stdout: copyright.in, filled in from the image
# itself: the OpenJDK version and modules, each library module with its version and licence, the runtime's
# third-party notices as OpenJDK ships them in legal/ (each once), the Classpath exception from legal/java.base/LICENSE
# and the MIT text from LICENSE. A module without a licence entry below stops the build: a new dependency must say
# its licence here (read from its jar's META-INF or its Maven POM) before it ships.
# Usage: copyright.sh IMAGE_DIR PROJECT_DIR
set -eu
image=$1
project=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# "project|licence" of a module of the image
licence_of() {
    case $1 in
        java.* | jdk.*) echo "OpenJDK|GPL-2 with Classpath exception" ;;
        io.memorydaemon) echo "memory-daemon|Expat" ;;
        info.picocli) echo "picocli|Apache-2.0" ;;
        com.github.oshi) echo "OSHI|Expat" ;;
        com.sun.jna | com.sun.jna.platform) echo "JNA|Apache-2.0 or LGPL-2.1+" ;;
        jakarta.mail) echo "Jakarta Mail API|EPL-2.0 or GPL-2 with Classpath exception or BSD-3-clause" ;;
        org.eclipse.angus.mail) echo "Angus Mail|EPL-2.0 or GPL-2 with Classpath exception or BSD-3-clause" ;;
        jakarta.activation) echo "Jakarta Activation API|BSD-3-clause" ;;
        org.slf4j | org.slf4j.nop) echo "SLF4J|Expat" ;;
        *) return 1 ;;
    esac
}

"$image/bin/java" --list-modules > "$tmp/list"
java_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$image/release")
jna_version=$(sed -n 's/^com\.sun\.jna@//p' "$tmp/list")
jdk_modules=$(grep -E '^(java|jdk)\.' "$tmp/list" | sed 's/@.*//' | paste -sd ' ' - | sed 's/ /, /g')
echo "- $jdk_modules (OpenJDK $java_version): GPL-2 with Classpath exception" > "$tmp/modules"
while IFS=@ read -r module version; do
    case $module in java.* | jdk.*) continue ;; esac
    entry=$(licence_of "$module") \
        || { echo "copyright.sh: no licence known for module $module: add it to $0" >&2; exit 1; }
    echo "- $module $version (${entry%%|*}): ${entry#*|}" >> "$tmp/modules"
done < "$tmp/list"

# A notice that quotes the whole Apache License 2.0 (Xalan, Xerces, BCEL) points to Debian's copy instead (lintian:
# copyright-file-contains-full-apache-2-license); what the notice adds around it stays
without_apache_text() {
    awk '
        skip { if ($0 ~ /END OF TERMS AND CONDITIONS/) skip = 0; next }
        /Version 2\.0, January 2004/ && held ~ /^[ \t]*Apache License[ \t]*$/ {
            print "    The Apache License, Version 2.0: on Debian systems its complete text is in"
            print "    /usr/share/common-licenses/Apache-2.0."
            have = 0; skip = 1; next
        }
        { if (have) print held; held = $0; have = 1 }
        END { if (have) print held }
    '
}

# legal/<module>/ repeats the same LICENSE, ASSEMBLY_EXCEPTION and ADDITIONAL_LICENSE_INFO (as links or copies)
: > "$tmp/jdk_notices"
: > "$tmp/seen"
for file in "$image"/legal/*/*; do
    case $file in */LICENSE) continue ;; esac
    sum=$(cksum < "$file")
    if grep -qxF "$sum" "$tmp/seen"; then continue; fi
    echo "$sum" >> "$tmp/seen"
    { echo "== ${file#"$image"/} =="; echo; without_apache_text < "$file"; echo; } >> "$tmp/jdk_notices"
done
sed -n '/"CLASSPATH" EXCEPTION TO THE GPL/,$p' "$image/legal/java.base/LICENSE" > "$tmp/classpath_exception"
if [ ! -s "$tmp/classpath_exception" ]; then
    echo "copyright.sh: no Classpath exception in $image/legal/java.base/LICENSE" >&2
    exit 1
fi
sed -n '/^Permission is hereby granted/,$p' "$project/LICENSE" > "$tmp/expat"

# A line that is only @NAME@ becomes the file NAME as DEP-5 continuation lines (" text", " ." for a blank line)
awk -v dir="$tmp" -v java="$java_version" -v jna="$jna_version" '
    function block(name,    line, n) {
        n = 0
        while ((getline line < (dir "/" name)) > 0) {
            sub(/[ \t\r]+$/, "", line)
            if (line == "") { blank++; continue }
            if (n > 0) { while (blank-- > 0) print " ." }
            blank = 0; n++
            print " " line
        }
        blank = 0
        close(dir "/" name)
    }
    /^@[A-Z_]+@$/ { block(tolower(substr($0, 2, length($0) - 2))); next }
    { gsub(/@JAVA_VERSION@/, java); gsub(/@JNA_VERSION@/, jna); print }
' "$here/copyright.in"
