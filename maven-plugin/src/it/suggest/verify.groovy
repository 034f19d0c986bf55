def log = new File(basedir, 'build.log').text
def store = new File(basedir, 'src/main/java/demo/Store.java')
def diff = new File(basedir, 'target/faultlock/suggest.diff')

assert log =~ /(?m)^\[INFO\] src\/main\/java\/demo\/Store\.java:8: @Acquires\("lock"\): Store\.lockStore returns holding `lock`$/
assert log.contains('faultlock: suggested 2 annotations in 1 file; review and apply with: git apply target/faultlock/suggest.diff')
assert log.contains('faultlock: wrote 2 annotations in 1 file')
assert diff.text.startsWith('--- a/src/main/java/demo/Store.java\n+++ b/src/main/java/demo/Store.java\n')
// Step 2 computed the same diff before writing it.
assert new File(basedir, 'target/faultlock/applied.diff').text == diff.text

// Step 2 wrote exactly the change step 1's diff shows: git takes it back, and forward again.
def git = { String... args ->
  def p = (['git'] + args.toList()).execute(null, basedir)
  def out = new StringBuilder()
  p.consumeProcessOutput(out, out)
  assert p.waitFor() == 0 : "git ${args.join(' ')}: ${out}"
}
def applied = store.text
assert applied.contains('  @Acquires("lock")\n  public void lockStore() {')
git('init', '-q')
git('apply', '--reverse', diff.path)
assert !store.text.contains('@Acquires')
git('apply', diff.path)
assert store.text == applied
true
