// The build failed (invoker.properties) on the copy under lock, and on nothing else; every
// artifact of the snippets resolved from what the set-up installs.
def log = new File(basedir, 'build.log').text
def source = new File(basedir, 'src/main/java/demo/Pages.java').readLines()
def copyLine = source.findIndexOf { it.contains('dst.put(') } + 1

assert !(log =~ /Could not (resolve|find|transfer)|Non-resolvable|Unresolveable/) : 'something did not resolve'
def findings = log.readLines().findAll { it =~ /^\[(ERROR|WARNING)\] \S+\.java:\d+: \[\w+\]/ }
assert findings.size() == 1 : "expected one finding, got:\n${findings.join('\n')}"
assert findings[0] =~ /Pages\.java:${copyLine}: \[FaultUnderLock\] `ByteBuffer\.put`/ : findings[0]
assert log =~ /faultlock: 1 error, 0 warnings in readme-fresh-repo/
assert log.contains('BUILD FAILURE')

// The project really is the README's, and faultlock's artifacts came from this build's local
// repository, where the invoker installed them.
def pom = new File(basedir, 'pom.xml').text
assert pom.contains('<artifactId>faultlock-maven-plugin</artifactId>') && !pom.contains('README:')
assert !new File(basedir, '../../central-stand-in/dev/faultlock').exists()
['faultlock-annotations', 'faultlock-rules', 'faultlock-analyzer', 'faultlock-maven-plugin'].each {
  assert new File(localRepositoryPath, "dev/faultlock/${it}").isDirectory() : "${it} not installed"
}
return true
