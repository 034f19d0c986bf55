// The build failed (invoker.properties) on the copy under lock, and on nothing else: the option
// naming FileChannel, a type this project never mentions, was accepted, and every artifact of the
// snippet resolved from what the set-up installs.
def log = new File(basedir, 'build.log').text
def source = new File(basedir, 'src/main/java/demo/MappedFile.java').readLines()
def copyLine = source.findIndexOf { it.contains('dst.put(') } + 1

assert !log.contains('is not on the classpath') : 'the FaultMethods option was refused'
assert !(log =~ /Could not (resolve|find|transfer)|Non-resolvable|Unresolveable/) : 'something did not resolve'

// Maven prints each compiler error twice: in the compiler's output and in the failure summary.
def findings = log.readLines().findAll { it =~ /\[(FaultUnderLock|UnsortedSameClassLocks|DeclaredOrderViolation|AnnotationMisuse)\]/ && it =~ /\.java:\[\d+,\d+\]/ }.unique()
assert findings.size() == 1 : "expected one finding, got:\n${findings.join('\n')}"
assert findings[0] =~ /MappedFile\.java:\[${copyLine},\d+\] \[FaultUnderLock\] .*dst\.put/ : findings[0]
assert log.contains('COMPILATION ERROR')

// The project really is the README's: the snippet went into the pom, the jvm.config beside it.
def pom = new File(basedir, 'pom.xml').text
assert pom.contains('-XepOpt:FaultUnderLock:FaultMethods=java.nio.channels.FileChannel#transferTo')
assert !pom.contains('README: Error Prone snippet')
assert new File(basedir, '.mvn/jvm.config').text.contains('--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED')
// faultlock's artifacts came from this build's local repository, where the invoker installed them.
assert !new File(basedir, '../../central-stand-in/dev/faultlock').exists()
assert new File(localRepositoryPath, 'dev/faultlock/faultlock-rules').isDirectory()
return true
