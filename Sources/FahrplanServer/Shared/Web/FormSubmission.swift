import FahrplanCore
import Vapor

/// An error that says the form was based on an older version of the item. Capabilities that keep versions
/// mark their error with it, so that `handleForm` can hand it to the form's conflict page without Shared
/// knowing them.
protocol EditConflictError: Error {}

extension Request {
    /// What every web form submission does: refuse who may not send it (403) before reading the body, decode
    /// the form, let the service do the work, and then redirect (303) to where `success` says — or, when the
    /// service names field problems, show the form again with them and the person's input (422).
    ///
    /// `onConflict`, when given, answers a submission based on an older version of the item (usually 409 with
    /// the conflict panel); without it such an error goes on to the error middleware like any other.
    func handleForm<PostedForm: Decodable, Done>(
        _ type: PostedForm.Type,
        permission allowed: Bool = true,
        perform: (PostedForm) async throws -> Done,
        onInvalid: (PostedForm, [FieldProblem]) async throws -> View,
        onConflict: ((PostedForm) async throws -> Response)? = nil,
        success: (Done) throws -> String
    ) async throws -> Response {
        guard allowed else { throw FahrplanError.forbidden }
        let form = try content.decode(PostedForm.self)
        let problems: [FieldProblem]
        do {
            let outcome = try await perform(form)
            return redirect(to: try success(outcome), redirectType: .normal)
        } catch let failure as ValidationFailure {
            problems = failure.problems
        } catch FahrplanError.invalid(let invalid) {
            problems = invalid
        } catch let conflict as any EditConflictError {
            guard let onConflict else { throw conflict }
            return try await onConflict(form)
        }
        return try await onInvalid(form, problems).response(.unprocessableEntity, for: self)
    }
}
