// The build failed (invoker.properties); it must have failed for FaultUnderLock in buggy, and
// for nothing else: the fixes compiled in the same javac run must draw no faultlock diagnostic.
def log = new File(basedir, 'build.log').text
def rules = /\[(FaultUnderLock|UnsortedSameClassLocks|DeclaredOrderViolation|AnnotationMisuse|LockOrderInversion)\]/
def findings = log.readLines().findAll { it =~ rules && it =~ /\.java:\[\d+,\d+\]/ }

def buggy = findings.findAll { it.contains('/samples/buggy/BuggyFile.java') && it.contains('[FaultUnderLock]') }
assert buggy.size() >= 2 : "expected FaultUnderLock on BuggyFile's read and write copies, got:\n${findings.join('\n')}"
assert buggy.any { it.contains('`dst.write` may fault while lock `lock` (class inode) is held') }
assert buggy.any { it.contains('`src.read` may fault while lock `lock` (class inode) is held') }
assert buggy.every { it.contains('@SortedAcquire') && it.contains('@FaultsDisabled') } : 'messages name both fixes'

def elsewhere = findings - buggy
assert elsewhere.isEmpty() : "faultlock findings outside buggy:\n${elsewhere.join('\n')}"

// The fixes were in this compilation, so their silence means something.
def sources = new File(samplesSources, 'dev/faultlock/samples')
['sorted/SortedFile.java', 'retry/RetryFile.java'].each {
  assert new File(sources, it).isFile() : "missing sample $it"
}
assert log.contains('COMPILATION ERROR')
return true
