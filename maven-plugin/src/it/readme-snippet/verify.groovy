import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
def source = new File(basedir, 'src/main/java/demo/MappedFile.java')
def copyLine = source.readLines().findIndexOf { it.contains('dst.write(data, len);') } + 1

// The finding, javac-style, at the copy, with the trace indented below it.
def finding = log =~ /(?m)^\[ERROR\] (\S+)\/src\/main\/java\/demo\/MappedFile\.java:(\d+): \[FaultUnderLock\] (.+)$/
assert finding.find() : 'no FaultUnderLock finding in build.log'
assert finding.group(2) as int == copyLine
assert finding.group(3).contains('`UserMemory.write` may fault while lock `lock` (class inode) is held')
assert finding.group(3).contains('the fault runs `MappedFile.pageIn`')
def after = log.substring(finding.end()).readLines().drop(1)
assert after[0] ==~ /\[ERROR\]     \S+\.java:\d+: .+/ : "no trace below the finding: ${after[0]}"

// One summary line with the report path, and the build failed because of it.
assert log =~ /faultlock: 1 error, 0 warnings in readme-snippet \(failOn=error\); report: \S+\/target\/faultlock\/faultlock\.html/
assert log.contains('BUILD FAILURE')
assert !(log =~ /\tat dev\.faultlock\./) : 'a stack trace in the log'

// The default reports.
def reports = new File(basedir, 'target/faultlock')
['faultlock.txt', 'faultlock.sarif', 'faultlock.html'].each {
  assert new File(reports, it).isFile() : "missing report ${it}"
}
assert !new File(reports, 'faultlock.json').exists()
assert new File(reports, 'faultlock.sarif').text.contains('FaultUnderLock')

// summarize ran before package: the jar ships the module's summaries.
def jar = new File(basedir, 'target/readme-snippet-1.0.jar')
assert jar.isFile()
new ZipFile(jar).withCloseable { assert it.getEntry('META-INF/faultlock/summaries.json') != null }

// The pom's <plugin> is the README's snippet, unchanged but for the version.
def norm = { String s -> s.replaceAll(/\s+/, ' ').trim() }
def readme = new File(basedir, '../../../../README.md').text
def section = readme.substring(readme.indexOf('## Maven plugin'))
def snippet = (section =~ /(?s)<plugin>\s*<groupId>dev\.faultlock<\/groupId>.*?<\/plugin>/)
assert snippet.find() : 'no <plugin> snippet in the README section "## Maven plugin"'
def pom = new File(basedir, 'pom.xml').text
assert norm(pom).contains(norm(snippet.group())) : 'the pom does not contain the README snippet'
true
