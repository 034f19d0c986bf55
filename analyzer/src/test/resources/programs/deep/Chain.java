package deep;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;

interface Memory {
  @MayFault("page")
  void write(byte[] src);
}

@LockClass("inode")
final class Chain {
  synchronized void read(Memory dst) {
    step1(dst);
  }

  private void step1(Memory dst) {
    step2(dst);
  }

  private void step2(Memory dst) {
    step3(dst);
  }

  private void step3(Memory dst) {
    step4(dst);
  }

  private void step4(Memory dst) {
    step5(dst);
  }

  private void step5(Memory dst) {
    step6(dst);
  }

  private void step6(Memory dst) {
    step7(dst);
  }

  private void step7(Memory dst) {
    step8(dst);
  }

  private void step8(Memory dst) {
    step9(dst);
  }

  private void step9(Memory dst) {
    step10(dst);
  }

  private void step10(Memory dst) {
    step11(dst);
  }

  private void step11(Memory dst) {
    step12(dst);
  }

  private void step12(Memory dst) {
    dst.write(new byte[1]);
  }

  @FaultHandler("page")
  synchronized void fault() {}
}
