// The sorted and retry variants, with the model they run on, compile with Error Prone and every
// faultlock checker on, and draw no faultlock diagnostic at all.
def log = new File(basedir, 'build.log').text
def rules = /\[(FaultUnderLock|UnsortedSameClassLocks|DeclaredOrderViolation|AnnotationMisuse|LockOrderInversion)\]/
def findings = log.readLines().findAll { it =~ rules }
assert findings.isEmpty() : "faultlock findings in the fixes:\n${findings.join('\n')}"
def classes = new File(basedir, 'target/classes/dev/faultlock/samples')
['sorted/SortedFile.class', 'retry/RetryFile.class'].each {
  assert new File(classes, it).isFile() : "not compiled: $it"
}
assert !new File(classes, 'buggy').exists()
return true
