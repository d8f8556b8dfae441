# Writes a gzipped man page (section 1) of a Plexus program from its own --help and --version.
# Script mode, run at build time once the program is built:
#   cmake -DPROGRAM=<exe> -DNAME=<name> -DSUMMARY=<one line> -DEXTRA=<roff file>
#         -DOUTPUT=<name.1.gz> -P PlexusManPage.cmake
# The help text is kept as the program prints it (no-fill), with the program's path replaced by
# its name, so the man page never names the build tree and always matches --help.
foreach(var PROGRAM NAME SUMMARY EXTRA OUTPUT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "PlexusManPage.cmake: ${var} is not set")
    endif()
endforeach()

set(ENV{QT_QPA_PLATFORM} offscreen)
foreach(option help version)
    execute_process(COMMAND "${PROGRAM}" --${option}
        OUTPUT_VARIABLE ${option}_text ERROR_VARIABLE ${option}_error RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "${NAME} --${option} failed (${status}): ${${option}_error}")
    endif()
endforeach()
string(STRIP "${version_text}" version_text)
string(REGEX REPLACE "\n.*" "" version_line "${version_text}")

# roff: backslashes first, then hyphens, then lines that would start a request.
function(plexus_roff_escape text out)
    string(REPLACE "${PROGRAM}" "${NAME}" text "${text}")
    string(REPLACE "\\" "\\e" text "${text}")
    string(REPLACE "-" "\\-" text "${text}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

plexus_roff_escape("${help_text}" help_roff)
plexus_roff_escape("${NAME}" name_roff)
plexus_roff_escape("${SUMMARY}" summary_roff)
plexus_roff_escape("${version_line}" version_roff)
string(TOUPPER "${NAME}" title)
file(READ "${EXTRA}" extra)

file(WRITE "${OUTPUT}.roff"
".TH ${title} 1 \"\" \"${version_roff}\" \"User Commands\"
.SH NAME
${name_roff} \\- ${summary_roff}
.SH DESCRIPTION
.nf
${help_roff}
.fi
${extra}")

execute_process(COMMAND gzip -9 -n -c "${OUTPUT}.roff" OUTPUT_FILE "${OUTPUT}"
    RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "gzip of ${OUTPUT} failed (${status})")
endif()
file(REMOVE "${OUTPUT}.roff")
