@echo off
rem {{jreleaserCreationStamp}}
rem {{distributionExecutable}} {{projectVersion}} for Windows: starts htmxws from this release folder, on the java of
rem JAVA_HOME or PATH (17 or newer), or on the runtime of a jlink image (bin\java.exe next to this script).
rem JVM flags: the C1 compiler and the serial GC for short commands (all but serve); --enable-native-access, which
rem JDK 17+ accept and which keeps JDK 22+ from warning when JLine loads its native library; and a class-data archive
rem in %LOCALAPPDATA%\htmxws, made and refreshed by the JVM itself on JDK 19+ (AutoCreateSharedArchive; older JDKs
rem ignore the flag and run without it). HTMXWS_JAVA_OPTS adds JVM flags; HTMXWS_CDS=off leaves the archive out.
setlocal

set "APP_HOME=%~dp0.."
for %%i in ("%APP_HOME%") do set "APP_HOME=%%~fi"

if exist "%APP_HOME%\bin\java.exe" if exist "%APP_HOME%\jars" (
  set "JAVA_EXE=%APP_HOME%\bin\java.exe"
  set "JARS=%APP_HOME%\jars"
  goto flags
)
set "JARS=%APP_HOME%\lib"
if defined JAVA_HOME (
  set "JAVA_EXE=%JAVA_HOME:"=%\bin\java.exe"
) else (
  set "JAVA_EXE=java.exe"
)
if defined JAVA_HOME if not exist "%JAVA_EXE%" (
  echo htmxws: JAVA_HOME is set to a folder without bin\java.exe: %JAVA_HOME% 1>&2
  exit /b 3
)
if not defined JAVA_HOME (
  where java.exe >nul 2>&1 || (
    echo htmxws: no java found; install a JDK 17 or newer, or set JAVA_HOME 1>&2
    exit /b 3
  )
)

:flags
set "JVM_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss4m"
if /I "%~1"=="serve" set "JVM_OPTS=-XX:+UseSerialGC -Xss4m"
set "CDS_OPTS="
if /I not "%HTMXWS_CDS%"=="off" if defined LOCALAPPDATA (
  if not exist "%LOCALAPPDATA%\htmxws" mkdir "%LOCALAPPDATA%\htmxws" >nul 2>&1
  set CDS_OPTS=-XX:+IgnoreUnrecognizedVMOptions -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=%LOCALAPPDATA%\htmxws\htmxws-{{projectVersion}}.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off
)

"%JAVA_EXE%" %JVM_OPTS% --enable-native-access=ALL-UNNAMED %CDS_OPTS% %HTMXWS_JAVA_OPTS% -cp "%JARS%\*" {{distributionJavaMainClass}} %*
exit /b %ERRORLEVEL%
