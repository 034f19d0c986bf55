import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text

// pages passes and ships its summaries in its jar.
def pagesJar = new File(basedir, 'pages/target/pages-1.0.jar')
assert pagesJar.isFile()
new ZipFile(pagesJar).withCloseable { assert it.getEntry('META-INF/faultlock/summaries.json') != null }
assert log =~ /faultlock: 0 errors, 0 warnings in pages;/

// files fails: the copy under its lock can run pages' fault handler, known from pages' summaries.
def source = new File(basedir, 'files/src/main/java/files/FileReader.java')
def copyLine = source.readLines().findIndexOf { it.contains('dst.write(data, len);') } + 1
def finding = log =~ /(?m)^\[ERROR\] \S+\/files\/src\/main\/java\/files\/FileReader\.java:(\d+): \[FaultUnderLock\] (.+)$/
assert finding.find() : 'no FaultUnderLock finding in module files'
assert finding.group(1) as int == copyLine
assert finding.group(2).contains('MappedPage.fault') : "the finding does not name the handler: ${finding.group(2)}"
assert !(log =~ /(?m)^\[ERROR\] \S+\/pages\/src\/\S+\.java:\d+: \[/) : 'a finding in module pages'
assert log =~ /faultlock: 1 error, 0 warnings in files \(failOn=error\); report: \S+\/files\/target\/faultlock\/faultlock\.html/

// The reactor says which module failed.
assert log =~ /(?m)^\[INFO\] pages \.+ SUCCESS/
assert log =~ /(?m)^\[INFO\] files \.+ FAILURE/
true
